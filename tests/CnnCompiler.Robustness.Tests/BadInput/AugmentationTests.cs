namespace CnnCompiler.Robustness.Tests.BadInput;

/// <summary>Rows A1–A5 of docs/bad-input.md: augmentation transforms refuse bad batches before touching them.</summary>
public class AugmentationTests
{
    public static TheoryData<string> Transforms() =>
        ["flip", "vflip", "crop", "rotation", "brightness", "contrast", "jitter", "noise", "compose"];

    private static IAugmentation Create(string name) => name switch
    {
        "flip" => new RandomHorizontalFlip(1f),
        "vflip" => new RandomVerticalFlip(1f),
        "crop" => new RandomCrop(2),
        "rotation" => new RandomRotation(15f),
        "brightness" => new RandomBrightness(0.2f),
        "contrast" => new RandomContrast(0.2f),
        "jitter" => new ColorJitter(0.2f, 0.2f),
        "noise" => new GaussianNoise(0.1f),
        _ => new Compose(new RandomHorizontalFlip(), new RandomCrop(1)),
    };

    [Theory]
    [MemberData(nameof(Transforms))]
    public void A1_a_batch_whose_length_is_not_count_samples(string name)
    {
        IAugmentation transform = Create(name);
        float[] batch = Samples.Inputs(3, 64, 1)[..^1];
        float[] before = (float[])batch.Clone();
        var random = new SeededRandom(5);
        var state = random.State;
        var error = Assert.Throws<ArgumentException>("batch", () => transform.Apply(batch, [1, 8, 8], 3, random));
        Messages.Names(error, "3 samples", "1×8×8", "192", "191");
        Bits.Equal(before, batch);
        Assert.Equal(state, random.State);
    }

    [Theory]
    [MemberData(nameof(Transforms))]
    public void A2_null_random_negative_count_or_bad_shape(string name)
    {
        IAugmentation transform = Create(name);
        float[] batch = Samples.Inputs(2, 64, 1);
        float[] before = (float[])batch.Clone();
        Assert.Throws<ArgumentNullException>("random", () => transform.Apply(batch, [1, 8, 8], 2, null!));
        Assert.Throws<ArgumentOutOfRangeException>("count", () => transform.Apply(batch, [1, 8, 8], -1, new SeededRandom(1)));
        Messages.Names(Assert.Throws<ArgumentException>("sampleShape", () => transform.Apply(batch, [1, 0, 128], 2, new SeededRandom(1))), "1×0×128");
        Bits.Equal(before, batch);
    }

    [Fact]
    public void A5_a_pipeline_refused_by_a_later_transform_puts_the_batch_and_generator_back()
    {
        float[] signal = Samples.Inputs(2, 16, 1);
        float[] before = (float[])signal.Clone();
        var random = new SeededRandom(3);
        var state = random.State;
        var pipeline = new Compose(new RandomTimeFlip(1f), new GaussianNoise(0.5f), new RandomCrop(1));
        Messages.Names(Assert.Throws<ArgumentException>("sampleShape", () => pipeline.Apply(signal, [2, 8], 2, random)), "RandomCrop", "2×8");
        Bits.Equal(before, signal);
        Assert.Equal(state, random.State);
    }

    [Fact]
    public void A3_image_transforms_refuse_signals_naming_the_shape()
    {
        float[] signal = Samples.Inputs(2, 16, 1);
        float[] before = (float[])signal.Clone();
        foreach (IAugmentation transform in new IAugmentation[] { new RandomCrop(1), new RandomRotation(10f), new RandomVerticalFlip() })
            Messages.Names(Assert.Throws<ArgumentException>("sampleShape", () => transform.Apply(signal, [2, 8], 2, new SeededRandom(1))), "2×8");
        Bits.Equal(before, signal);
    }

    [Fact]
    public void A4_constructor_arguments_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>("probability", () => new RandomHorizontalFlip(1.5f));
        Assert.Throws<ArgumentOutOfRangeException>("probability", () => new RandomCrop(2, float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("verticalPadding", () => new RandomCrop(-1));
        Assert.Throws<ArgumentOutOfRangeException>("fill", () => new RandomCrop(1, fill: float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>("std", () => new GaussianNoise(-1f));
        Assert.Throws<ArgumentOutOfRangeException>("mean", () => new GaussianNoise(0.1f, mean: float.PositiveInfinity));
        Messages.Names(Assert.Throws<ArgumentNullException>("transforms", () => new Compose(new RandomCrop(1), null!)), "Transform 1 of 2");
        Assert.Throws<ArgumentNullException>("transforms", () => new Compose(null!));
    }
}
