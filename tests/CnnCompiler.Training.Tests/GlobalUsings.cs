global using CnnCompiler.Training.Tests.Networks;
global using CnnCompiler.Training.Tests.Support;
