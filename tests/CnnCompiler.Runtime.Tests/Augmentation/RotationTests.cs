namespace CnnCompiler.Runtime.Tests.Augmentation;

/// <summary>Rotation about the centre, counter-clockwise, bilinear with torchvision's zero-fill blend.</summary>
public class RotationTests
{
    private static RandomRotation Fixed(float degrees) => new((degrees, degrees));

    [Fact]
    public void Quarter_turn_of_a_three_by_three_image_is_exact()
    {
        float[] image = [1, 2, 3, 4, 5, 6, 7, 8, 9];

        Fixed(90).Apply(image, [1, 3, 3], 1, new SeededRandom(1));

        // Counter-clockwise as numpy.rot90: the right column becomes the top row.
        Assert.Equal([3f, 6, 9, 2, 5, 8, 1, 4, 7], image);
    }

    [Fact]
    public void Half_turn_of_a_two_by_four_image_reverses_both_axes_in_every_channel()
    {
        float[] image = [1, 2, 3, 4, 5, 6, 7, 8, 10, 20, 30, 40, 50, 60, 70, 80]; // 2×2×4

        Fixed(180).Apply(image, [2, 2, 4], 1, new SeededRandom(1));

        Assert.Equal([8f, 7, 6, 5, 4, 3, 2, 1, 80, 70, 60, 50, 40, 30, 20, 10], image);
    }

    [Fact]
    public void Quarter_turn_of_a_wide_image_fills_what_was_outside()
    {
        float[] image = [1, 2, 3, 4, 5, 6, 7, 8]; // 1×2×4, centre (1.5, 0.5)

        Fixed(-90).Apply(image, [1, 2, 4], 1, new SeededRandom(1));

        // Clockwise: output (x, y) samples input (x_in, y_in) = (y + 1, 2 − x); only x = 1, 2 land inside.
        Assert.Equal([0f, 6, 2, 0, 0, 7, 3, 0], image);
    }

    [Fact]
    public void Small_angle_interpolates_bilinearly_and_attenuates_the_border_as_torchvision()
    {
        float[] image = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        double cos = Math.Cos(10 * Math.PI / 180), sin = Math.Sin(10 * Math.PI / 180);

        Fixed(10).Apply(image, [1, 3, 3], 1, new SeededRandom(1));

        // The centre maps to itself.
        Assert.Equal(5f, image[4], 1e-6f);
        // Output (x 2, y 1): source (1 + cos, 1 + sin) = (1.98481, 1.17365), all four neighbours inside:
        // (1 − fy)·((1 − fx)·5 + fx·6) + fy·((1 − fx)·8 + fx·9) = 5 + fx + 3·fy.
        double fx = cos, fy = sin;
        Assert.Equal(5 + fx + 3 * fy, image[5], 1e-5);
        // Output (x 2, y 0): source (1 + cos + sin, 1 + sin − cos) = (2.15846, 0.18884); the column x = 3 is outside, so the
        // value is (1 − fx)·((1 − fy)·3 + fy·6) and torchvision multiplies it again by the inside weight m = 1 − fx.
        double sx = 1 + cos + sin, sy = 1 + sin - cos;
        double gx = sx - 2, gy = sy;
        double value = (1 - gx) * ((1 - gy) * 3 + gy * 6);
        Assert.Equal(value * (1 - gx), image[2], 1e-5);
    }

    [Fact]
    public void A_fill_value_blends_in_where_the_image_does_not_reach()
    {
        float[] image = [1, 1, 1, 1]; // 1×2×2

        new RandomRotation((45, 45), fill: 0.5f).Apply(image, [1, 2, 2], 1, new SeededRandom(1));

        // Corner (0, 0) samples (0.5, 0.5 − √0.5) = (0.5, −0.2071): only the row y = 0 is inside, with total weight
        // m = 1 − (√0.5 − 0.5) = 1.5 − √0.5, so value = m·1 and the result is m·(value − fill) + fill.
        double m = 1.5 - Math.Sqrt(0.5);
        Assert.Equal(m * (m - 0.5) + 0.5, image[0], 1e-5);
    }

    [Fact]
    public void Every_depth_slice_of_a_volume_turns_by_the_same_angle()
    {
        float[] volume = [1, 2, 3, 4, 10, 20, 30, 40]; // 1×2×2×2

        new RandomRotation((-180, 180)).Apply(volume, [1, 2, 2, 2], 1, new SeededRandom(9));
        float[] slices = [1, 2, 3, 4, 10, 20, 30, 40];
        var random = new SeededRandom(9);
        random.NextSingle(); // the coin
        double degrees = -180 + 360 * random.NextDouble();
        var single = new RandomRotation(((float)degrees, (float)degrees));
        single.Apply(slices.AsSpan(0, 4), [1, 2, 2], 1, new SeededRandom(0));
        single.Apply(slices.AsSpan(4, 4), [1, 2, 2], 1, new SeededRandom(0));

        // The same rotation as each slice alone (up to the angle's rounding to float for the single-slice transform).
        for (int i = 0; i < 8; i++) Assert.Equal(slices[i], volume[i], 1e-4f);
        // Rotation is linear and the second slice is ten times the first.
        for (int i = 0; i < 4; i++) Assert.Equal(10 * volume[i], volume[4 + i], 1e-4f);
        Assert.NotEqual([1f, 2, 3, 4, 10, 20, 30, 40], volume);
    }

    [Fact]
    public void Random_angles_come_from_the_seed()
    {
        float[] a = Enumerable.Range(0, 4 * 25).Select(i => (float)(i % 25)).ToArray();
        float[] b = (float[])a.Clone(), c = (float[])a.Clone();
        var rotation = new RandomRotation(30f);

        rotation.Apply(a, [1, 5, 5], 4, new SeededRandom(5));
        rotation.Apply(b, [1, 5, 5], 4, new SeededRandom(5));
        rotation.Apply(c, [1, 5, 5], 4, new SeededRandom(6));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Throws<ArgumentException>(() => new RandomRotation((10f, -10f)));
    }
}
