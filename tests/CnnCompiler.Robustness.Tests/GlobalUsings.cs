global using CnnCompiler.Robustness.Tests.Networks;
global using CnnCompiler.Robustness.Tests.Support;
