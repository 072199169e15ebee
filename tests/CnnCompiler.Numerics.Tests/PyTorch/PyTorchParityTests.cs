using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace CnnCompiler.Numerics.Tests.PyTorch;

/// <summary>
/// Every layer kind against PyTorch: the vectors in Vectors/ come from tools/pytorch_reference.py (weights, a fixed
/// batch, and PyTorch's output, loss, input gradient and weight gradients, computed in float64 from float32 data).
/// The weights are loaded by name through LoadWeights, so the state_dict names and layouts are checked as well.
/// </summary>
public sealed class PyTorchParityTests(ITestOutputHelper output)
{
    /// <summary>Forward values (outputs, losses, running statistics), in the measure of <see cref="Comparison"/>.</summary>
    public const double ForwardTolerance = 1e-5;

    /// <summary>Input and weight gradients, same measure.</summary>
    public const double GradientTolerance = 1e-4;

    public static TheoryData<string> Cases => new(Factories.Keys);

    private static readonly Dictionary<string, Func<INetwork>> Factories = new()
    {
        ["conv1d_stride_pad"] = () => new PtConv1DStridePad(),
        ["conv1d_same_even_nobias"] = () => new PtConv1DSameEvenNoBias(),
        ["conv2d_valid"] = () => new PtConv2DValid(),
        ["conv2d_same_stride2"] = () => new PtConv2DSameStride2(),
        ["conv2d_same_even"] = () => new PtConv2DSameEven(),
        ["conv2d_explicit_nobias_relu"] = () => new PtConv2DExplicitNoBiasReLU(),
        ["conv2d_rectangular"] = () => new PtConv2DRectangular(),
        ["conv2d_stack"] = () => new PtConv2DStack(),
        ["conv3d_stride_pad"] = () => new PtConv3DStridePad(),
        ["conv3d_same_nobias"] = () => new PtConv3DSameNoBias(),
        ["maxpool1d_padded"] = () => new PtMaxPool1DPadded(),
        ["maxpool2d_plain"] = () => new PtMaxPool2DPlain(),
        ["maxpool2d_padded"] = () => new PtMaxPool2DPadded(),
        ["maxpool2d_stride_beyond_window"] = () => new PtMaxPool2DStrideBeyondWindow(),
        ["maxpool3d_padded"] = () => new PtMaxPool3DPadded(),
        ["avgpool1d_padded"] = () => new PtAvgPool1DPadded(),
        ["avgpool2d_plain"] = () => new PtAvgPool2DPlain(),
        ["avgpool2d_padded"] = () => new PtAvgPool2DPadded(),
        ["avgpool2d_overlapping"] = () => new PtAvgPool2DOverlapping(),
        ["avgpool3d_padded"] = () => new PtAvgPool3DPadded(),
        ["avgpool1d_padded_exclude"] = () => new PtAvgPool1DPaddedExclude(),
        ["avgpool2d_padded_exclude"] = () => new PtAvgPool2DPaddedExclude(),
        ["avgpool3d_padded_exclude"] = () => new PtAvgPool3DPaddedExclude(),
        ["global_avg_pool"] = () => new PtGlobalAvgPool(),
        ["global_max_pool"] = () => new PtGlobalMaxPool(),
        ["global_avg_pool_1d"] = () => new PtGlobalAvgPool1D(),
        ["dense_spatial_input"] = () => new PtDenseSpatialInput(),
        ["dense_tanh_nobias"] = () => new PtDenseTanhNoBias(),
        ["dense_odd_sizes"] = () => new PtDenseOddSizes(),
        ["bn_conv_train"] = () => new PtBatchNormConv(),
        ["bn_conv_eval"] = () => new PtBatchNormConv(),
        ["bn_dense_train"] = () => new PtBatchNormDense(),
        ["bn_dense_eval"] = () => new PtBatchNormDense(),
        ["bn_conv3d_train"] = () => new PtBatchNormConv3D(),
        ["act_relu"] = () => new PtReLU(),
        ["act_leakyrelu"] = () => new PtLeakyReLU(),
        ["act_elu"] = () => new PtELU(),
        ["act_gelu"] = () => new PtGELU(),
        ["act_sigmoid"] = () => new PtSigmoid(),
        ["act_tanh"] = () => new PtTanh(),
        ["act_fused_dense"] = () => new PtFusedDenseActivations(),
        ["act_fused_conv"] = () => new PtFusedConvActivations(),
        ["act_relu6"] = () => new PtReLU6(),
        ["act_hardswish"] = () => new PtHardswish(),
        ["act_hardsigmoid"] = () => new PtHardsigmoid(),
        ["act_silu"] = () => new PtSiLU(),
        ["act_fused_dense_modern"] = () => new PtFusedDenseModernActivations(),
        ["act_fused_conv_modern"] = () => new PtFusedConvModernActivations(),
        ["loss_mse"] = () => new PtMse(),
        ["loss_bce"] = () => new PtBce(),
        ["residual_identity"] = () => new PtResidualIdentity(),
        ["residual_projection"] = () => new PtResidualProjection(),
        ["basic_block"] = () => new PtBasicBlock(),
        ["basic_block_stride3"] = () => new PtBasicBlockStride3(),
        ["basic_block_stride5_nonsquare"] = () => new PtBasicBlockStride5NonSquare(),
        ["residual_projection_stride3x2"] = () => new PtResidualProjectionStride3x2(),
        ["upsample2d_nearest"] = () => new PtUpsample2DNearest(),
        ["upsample2d_bilinear"] = () => new PtUpsample2DBilinear(),
        ["upsample1d_linear"] = () => new PtUpsample1DLinear(),
        ["upsample3d_trilinear_per_axis"] = () => new PtUpsample3DTrilinearPerAxis(),
        ["se_gate_current"] = () => new PtSqueezeExciteGateCurrent(),
        ["se_gate_named_1d"] = () => new PtSqueezeExciteGateNamed1D(),
    };

    [Fact]
    public void Every_vector_file_has_a_case_and_every_case_a_vector_file()
    {
        string[] files = Directory.GetFiles(ParityVectors.Directory, "*.safetensors").Select(f => Path.GetFileNameWithoutExtension(f)!).Order().ToArray();
        Assert.Equal(Factories.Keys.Order().ToArray(), files);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch(string name) => MatchesPyTorch(name, threads: 1);

    /// <summary>
    /// The networks whose training fuses a ReLU into the BatchNorm or residual add before it, with the batch split across
    /// two workers (the BatchNorm statistics meet in the SyncGroup, the fused backward masks on each worker).
    /// </summary>
    public static TheoryData<string> FusedCases => ["bn_conv_train", "residual_identity", "residual_projection", "basic_block"];

    [Theory]
    [MemberData(nameof(FusedCases))]
    public void Fused_relu_paths_match_pytorch_on_two_threads(string name) => MatchesPyTorch(name, threads: 2);

    private void MatchesPyTorch(string name, int threads)
    {
        ParityVectors vectors = ParityVectors.Load(name);
        INetwork net = Factories[name]();
        net.Threads = threads;
        var comparison = new Comparison(name);

        // Weights by name: every network tensor is in the file, and everything else in the file is pass data.
        WeightLoadReport report = net.LoadWeights(vectors.Path, new LoadOptions { Strict = false });
        Assert.Empty(report.Missing);
        Assert.Empty(report.ShapeMismatched);
        Assert.All(report.Unexpected, n => Assert.True(ParityVectors.IsPassData(n), $"{name}: the file has '{n}', which the network lacks"));
        Assert.Equal(vectors.Names.Count(n => !ParityVectors.IsPassData(n)), report.Loaded.Count);

        float[] inputs = vectors.Floats("input");
        int count = inputs.Length / net.InputLength;
        bool batchNorm = net.Tensors.Any(t => t.Name.EndsWith(".running_mean", StringComparison.Ordinal));
        bool training = vectors.Mode == "train";

        // Forward in inference mode: identical to training mode unless the network has BatchNorm.
        if (!training || !batchNorm)
        {
            comparison.Check("output", vectors.Floats("output"), LastLayerOutputs(net, inputs, count), ForwardTolerance);
            comparison.Check("loss (inference)", vectors.Floats("loss"), [InferenceLoss(net, vectors, inputs)], ForwardTolerance);
        }
        if (training)
        {
            var inputGradients = new float[inputs.Length];
            var logits = new float[count * net.OutputLength];
            float loss = ComputeGradients(net, vectors, inputs, inputGradients, logits);
            // The training-mode forward output (with BatchNorm: batch statistics), as PyTorch's model.train() forward returns it.
            comparison.Check("output (training)", vectors.Floats("output"), logits, ForwardTolerance);
            comparison.Check("loss (training)", vectors.Floats("loss"), [loss], ForwardTolerance);
            comparison.Check("grad.input", vectors.Floats("grad.input"), inputGradients, GradientTolerance);
            foreach (TensorInfo tensor in net.Tensors.Where(t => t.Store == TensorStore.Parameters))
            {
                comparison.Check("grad." + tensor.Name, vectors.Floats("grad." + tensor.Name), net.Gradients.Slice(tensor.Offset, tensor.Length).ToArray(), GradientTolerance);
            }
            if (batchNorm)
            {
                foreach (TensorInfo tensor in net.Tensors.Where(t => t.Store == TensorStore.State))
                {
                    comparison.Check("after." + tensor.Name, vectors.Floats("after." + tensor.Name), tensor.Values(net).ToArray(), ForwardTolerance);
                }
                comparison.Check("eval_output_after", vectors.Floats("eval_output_after"), LastLayerOutputs(net, inputs, count), ForwardTolerance);
            }
        }
        output.WriteLine(comparison.Summary());
        comparison.AssertAll();
    }

    /// <summary>The comparison is not vacuous: a weight moved by one part in 10⁴ fails the forward check, a gradient by 10⁻³ the gradient check.</summary>
    [Fact]
    public void A_perturbed_weight_or_gradient_fails_the_comparison()
    {
        ParityVectors vectors = ParityVectors.Load("conv2d_stack");
        var net = new PtConv2DStack { Threads = 1 };
        net.LoadWeights(vectors.Path, new LoadOptions { Strict = false });
        float[] inputs = vectors.Floats("input");
        float[] expected = vectors.Floats("output");
        Assert.True(Comparison.Measure(expected, LastLayerOutputs(net, inputs, 3)).Error <= ForwardTolerance);
        TensorInfo weight = PtConv2DStack.Tensors.Single(t => t.Name == "conv2.weight");
        weight.Values(net)[7] *= 1.0001f;
        Assert.True(Comparison.Measure(expected, LastLayerOutputs(net, inputs, 3)).Error > ForwardTolerance);

        float[] gradient = vectors.Floats("grad.conv1.weight");
        float[] moved = (float[])gradient.Clone();
        int largest = Array.IndexOf(gradient, gradient.MaxBy(Math.Abs));
        moved[largest] *= 1.001f;
        Assert.True(Comparison.Measure(gradient, moved).Error > GradientTolerance);
    }

    private static float[] LastLayerOutputs(INetwork net, float[] inputs, int count)
    {
        LayerInfo last = net.LayerList[^1];
        var outputs = new float[count * last.OutputLength];
        for (int n = 0; n < count; n++)
        {
            net.ComputeActivations(last.Name, inputs.AsSpan(n * net.InputLength, net.InputLength), outputs.AsSpan(n * last.OutputLength, last.OutputLength));
        }
        return outputs;
    }

    private static float InferenceLoss(INetwork net, ParityVectors vectors, float[] inputs) => net switch
    {
        IClassifier classifier => classifier.ComputeLoss(inputs, vectors.Labels()),
        IRegressor regressor => regressor.ComputeLoss(inputs, vectors.Floats("targets")),
        _ => throw new InvalidOperationException(),
    };

    private static float ComputeGradients(INetwork net, ParityVectors vectors, float[] inputs, float[] inputGradients, float[] logits) => net switch
    {
        IClassifier classifier => classifier.ComputeGradients(inputs, vectors.Labels(), inputGradients, logits),
        IRegressor regressor => regressor.ComputeGradients(inputs, vectors.Floats("targets"), inputGradients, logits),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>
    /// Per-tensor errors of one case. The measure is the largest element-wise relative error, |a − e| / max(|e|, floor),
    /// with a floor of <see cref="FloorFraction"/> of the tensor's largest |e|: elements that are small only because
    /// large float32 terms cancel (an output of 3e-4 summed from terms near 1) carry an absolute rounding error set by
    /// those terms, not by their own size, and without the floor any float32 implementation fails on them. The summary
    /// also prints the norm-wise error max|a − e| / max|e|.
    /// </summary>
    public sealed class Comparison(string name)
    {
        public const double FloorFraction = 0.1;

        private readonly List<(string What, double Error, double Normwise, double Tolerance, string Detail)> _results = [];

        public IReadOnlyList<(string What, double Error, double Normwise, double Tolerance, string Detail)> Results => _results;

        /// <summary>The measure and the index where it is largest (−1 if all equal).</summary>
        public static (double Error, int Index, double Normwise) Measure(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
        {
            double scale = 0, largestDifference = 0;
            foreach (float e in expected) scale = Math.Max(scale, Math.Abs((double)e));
            double floor = Math.Max(FloorFraction * scale, double.Epsilon);
            double worst = 0;
            int index = -1;
            for (int i = 0; i < expected.Length; i++)
            {
                double difference = Math.Abs((double)actual[i] - expected[i]);
                if (double.IsNaN(difference)) difference = double.PositiveInfinity;
                largestDifference = Math.Max(largestDifference, difference);
                double error = difference / Math.Max(Math.Abs((double)expected[i]), floor);
                if (error > worst) (worst, index) = (error, i);
            }
            return (worst, index, scale > 0 ? largestDifference / scale : largestDifference);
        }

        public void Check(string what, float[] expected, float[] actual, double tolerance)
        {
            Assert.True(expected.Length == actual.Length, $"{name} {what}: {actual.Length} values, PyTorch has {expected.Length}");
            (double error, int index, double normwise) = Measure(expected, actual);
            string detail = index < 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"[{index}] expected {expected[index]:R}, actual {actual[index]:R}");
            _results.Add((what, error, normwise, tolerance, detail));
        }

        public string Summary()
        {
            var text = new StringBuilder();
            foreach (var (what, error, normwise, tolerance, detail) in _results)
            {
                text.Append(CultureInfo.InvariantCulture, $"PARITY {name} {what} relative {error:E2} normwise {normwise:E2} tolerance {tolerance:E0} {detail}\n");
            }
            return text.ToString();
        }

        public void AssertAll()
        {
            var failures = _results.Where(r => !(r.Error <= r.Tolerance)).ToList();
            Assert.True(failures.Count == 0, $"{name}: {failures.Count} tensor(s) differ from PyTorch:\n" + string.Join("\n", failures.Select(f => string.Create(CultureInfo.InvariantCulture, $"  {f.What}: max relative error {f.Error:E2} > {f.Tolerance:E0}, worst {f.Detail}"))));
        }
    }
}
