namespace CnnCompiler.Runtime.Tests;

public class DatasetTests
{
    /// <summary>Sample i holds the floats 100·i, 100·i + 1, …; its label is i mod 3.</summary>
    internal static Dataset Numbered(int count, params int[] shape)
    {
        int length = shape.Aggregate(1, (a, b) => a * b);
        var samples = new float[count * length];
        for (int i = 0; i < count; i++)
            for (int j = 0; j < length; j++) samples[i * length + j] = 100 * i + j;
        return new Dataset(samples, Enumerable.Range(0, count).Select(i => i % 3).ToArray(), shape);
    }

    [Fact]
    public void Exposes_samples_labels_and_shape()
    {
        var data = Numbered(4, 2, 1, 3);

        Assert.Equal(4, data.Count);
        Assert.Equal(6, data.SampleLength);
        Assert.Equal([2, 1, 3], data.SampleShape.ToArray());
        Assert.Equal([200f, 201, 202, 203, 204, 205], data.Sample(2).ToArray());
        Assert.Equal(2, data.Label(2));
        Assert.Equal(24, data.Samples.Length);
        Assert.Equal([0, 1, 2, 0], data.Labels.ToArray());
    }

    [Fact]
    public void Sample_array_length_must_match_labels_times_shape()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset(new float[10], new int[3], 1, 2, 2));

        Assert.StartsWith("3 labels with samples of 1×2×2 need 12 floats; the sample array holds 10.", error.Message);
        Assert.Equal("samples", error.ParamName);
    }

    [Fact]
    public void Shape_dimensions_must_be_positive()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dataset([], [], 1, 0, 28));

        Assert.StartsWith("Every sample dimension must be positive; dimension 1 of 1×0×28 is 0.", error.Message);
    }

    [Fact]
    public void Shape_must_not_be_empty()
    {
        Assert.Throws<ArgumentException>(() => new Dataset([], []));
    }

    [Fact]
    public void Sample_index_out_of_range_is_an_error()
    {
        var data = Numbered(3, 2);

        Assert.Throws<ArgumentOutOfRangeException>(() => data.Sample(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Label(-1));
    }

    [Fact]
    public void ValidateLabels_names_the_first_offending_sample_and_value()
    {
        var data = new Dataset(new float[4], [0, 9, 10, 11], 1);

        data.ValidateLabels(12);
        var error = Assert.Throws<ArgumentException>(() => data.ValidateLabels(10));
        var negative = Assert.Throws<ArgumentException>(() => new Dataset(new float[2], [1, -1], 1).ValidateLabels(10));

        Assert.StartsWith("Label 10 of sample 2 is outside the 10 classes 0…9.", error.Message);
        Assert.StartsWith("Label -1 of sample 1 is outside the 10 classes 0…9.", negative.Message);
    }

    [Fact]
    public void Subset_copies_a_contiguous_range_and_refuses_to_run_past_the_end()
    {
        var data = Numbered(5, 2);

        var subset = data.Subset(1, 3);

        Assert.Equal(3, subset.Count);
        Assert.Equal([100f, 101, 200, 201, 300, 301], subset.Samples.ToArray());
        Assert.Equal([1, 2, 0], subset.Labels.ToArray());
        Assert.Equal(2, data.Take(2).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Subset(3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Take(6));
    }

    [Fact]
    public void Split_is_disjoint_complete_sized_by_the_fraction_and_ordered()
    {
        var data = Numbered(100, 1);

        var (train, validation) = data.Split(0.2, seed: 7);

        Assert.Equal(80, train.Count);
        Assert.Equal(20, validation.Count);
        var trainIds = train.Samples.ToArray();
        var validationIds = validation.Samples.ToArray();
        Assert.Empty(trainIds.Intersect(validationIds));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => 100f * i), trainIds.Concat(validationIds).Order());
        Assert.Equal(trainIds.Order(), trainIds);
        Assert.Equal(validationIds.Order(), validationIds);
        for (int i = 0; i < train.Count; i++) Assert.Equal((int)(train.Sample(i)[0] / 100) % 3, train.Label(i));
    }

    [Fact]
    public void Split_depends_only_on_the_seed()
    {
        var data = Numbered(200, 1);

        var first = data.Split(0.25, seed: 42).Validation.Samples.ToArray();
        var again = data.Split(0.25, seed: 42).Validation.Samples.ToArray();
        var other = data.Split(0.25, seed: 43).Validation.Samples.ToArray();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    [InlineData(0.01)]
    public void Split_refuses_fractions_that_leave_a_part_empty(double fraction)
    {
        var data = Numbered(10, 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => data.Split(fraction, seed: 1));
    }

    [Fact]
    public void FromIdx_makes_single_channel_samples_scaled_to_unit_range()
    {
        byte[] pixels = [0, 255, 51, 102, 0, 0, 0, 0, 255, 255, 255, 255];
        var images = IdxReader.Read(new MemoryStream(IdxTestFiles.Build(0x08, [3, 2, 2], pixels)));
        var labels = IdxReader.Read(new MemoryStream(IdxTestFiles.Build(0x08, [3], [7, 0, 9])));

        var data = Dataset.FromIdx(images, labels);

        Assert.Equal([1, 2, 2], data.SampleShape.ToArray());
        Assert.Equal([0f, 1f, 0.2f, 0.4f], data.Sample(0).ToArray());
        Assert.Equal([7, 0, 9], data.Labels.ToArray());
    }

    [Fact]
    public void FromIdx_files_with_different_counts_name_both_files()
    {
        using var dir = new IdxTestFiles.TempDirectory();
        string images = dir.Write("images.gz", IdxTestFiles.Gzip(IdxTestFiles.CountingBytes(3, 2, 2)));
        string labels = dir.Write("labels", IdxTestFiles.CountingBytes(2));

        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(images, labels));

        Assert.Equal($"{images} holds 3 images but {labels} holds 2 labels; they must match.", error.Message);
    }

    [Fact]
    public void FromIdx_label_file_must_have_one_dimension()
    {
        var images = IdxReader.Read(new MemoryStream(IdxTestFiles.CountingBytes(2, 2, 2)));
        var labels = IdxReader.Read(new MemoryStream(IdxTestFiles.CountingBytes(2, 2)));

        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromIdx(images, labels));

        Assert.Equal("the label array: a label file has one dimension; found 2×2.", error.Message);
    }
}
