namespace CnnCompiler.Robustness.Tests.BadInput;

/// <summary>Rows V1–V4 of docs/bad-input.md: the PNG writers (filters, feature maps, training curves).</summary>
public class VisualizeTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void V1_null_arguments_and_unknown_or_unsuitable_layers()
    {
        var net = new TinyNet(1);
        string path = _temp.File("x.png");
        Assert.Throws<ArgumentNullException>("network", () => Visualize.Filters(null!, path));
        Assert.Throws<ArgumentNullException>("path", () => Visualize.Filters(net, null!));
        Messages.Names(Assert.Throws<ArgumentException>("layer", () => Visualize.Filters(net, path, "conv7")), "'conv7'", "conv1, pool1, dense1");
        Messages.Names(Assert.Throws<ArgumentException>("layer", () => Visualize.Filters(net, path, "dense1")), "dense1.weight", "Conv1D and Conv2D");
        Messages.Names(Assert.Throws<ArgumentException>("layer", () => Visualize.FeatureMaps(net, "conv7", new float[64], path)), "'conv7'");
        Assert.Throws<ArgumentNullException>("layer", () => Visualize.FeatureMaps(net, null!, new float[64], path));
        Assert.Empty(_temp.Listing());
    }

    [Fact]
    public void V2_feature_maps_of_an_input_of_the_wrong_length_write_nothing()
    {
        string path = _temp.File("maps.png");
        var error = Assert.Throws<ArgumentException>("input", () => Visualize.FeatureMaps(new TinyNet(1), "conv1", new float[63], path));
        Messages.Names(error, "64", "63");
        Assert.Empty(_temp.Listing());
    }

    [Fact]
    public void V3_an_unwritable_or_missing_folder_leaves_no_file_and_keeps_the_existing_one()
    {
        var net = new TinyNet(1);
        string missing = Path.Combine(_temp.Path, "missing", "f.png");
        Assert.Throws<DirectoryNotFoundException>(() => Visualize.Filters(net, missing));
        Assert.Throws<DirectoryNotFoundException>(() => Visualize.FeatureMaps(net, "conv1", new float[64], missing));
        Assert.Empty(_temp.Listing());
        var (folder, existing) = _temp.UnwritableWithFile();
        byte[] before = File.ReadAllBytes(existing);
        Messages.Names(Assert.ThrowsAny<IOException>(() => Visualize.Filters(net, existing)), folder);
        Messages.Names(Assert.ThrowsAny<IOException>(() => Visualize.FeatureMaps(net, "conv1", new float[64], existing)), folder);
        Assert.Equal(before, File.ReadAllBytes(existing));
        Assert.DoesNotContain(Directory.GetFiles(folder), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void V4_training_curves_with_no_epochs_or_series_of_the_wrong_length()
    {
        string path = _temp.File("curves.png");
        Messages.Names(Assert.Throws<ArgumentException>("epochs", () => Visualize.TrainingCurves(path, [], [], [], [], [])), "epoch");
        Messages.Names(Assert.Throws<ArgumentException>("trainLoss", () => Visualize.TrainingCurves(path, [1, 2, 3], [1.0, 0.5], [], [], [])), "2 values", "3 epochs");
        Assert.Throws<ArgumentNullException>("validationLoss", () => Visualize.TrainingCurves(path, [1], [1.0], null!, [], []));
        Messages.Names(Assert.Throws<ArgumentException>("history", () => Visualize.TrainingCurves(path, new TrainingHistory())), "no epoch");
        Assert.Empty(_temp.Listing());
    }

    [Fact]
    public void V5_training_curves_with_an_accuracy_in_percent_or_a_blank_series_name()
    {
        string path = _temp.File("curves.png");
        Messages.Names(Assert.Throws<ArgumentException>("validationAccuracy", () => Visualize.TrainingCurves(path, [1, 2], [], [], [], [0.8, 81.5])),
            "81.5", "fractions from 0 to 1");
        Messages.Names(Assert.Throws<ArgumentException>("trainAccuracy", () => Visualize.TrainingCurves(path, [1], [], [], [-0.1], [])), "-0.1");
        Assert.Throws<ArgumentException>("validationLabel", () => Visualize.TrainingCurves(path, [1], [1.0], [], [], [], validationLabel: ""));
        Assert.Empty(_temp.Listing());
    }
}
