namespace CnnCompiler.Samples.TransferLearning;

/// <summary>Slices of a 10-class data set: a range of classes relabelled from 0, and a few labelled images per class.</summary>
internal static class ClassSubsets
{
    /// <summary>The samples of classes <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1, in data-set order, labelled 0 … count − 1.</summary>
    public static Dataset Classes(Dataset data, int first, int count) => Relabel(data, Indices(data, first, count, int.MaxValue), first);

    /// <summary>The first <paramref name="perClass"/> samples of each class in the range, in data-set order, labelled from 0.</summary>
    public static Dataset FirstPerClass(Dataset data, int first, int count, int perClass) => Relabel(data, Indices(data, first, count, perClass), first);

    private static int[] Indices(Dataset data, int first, int count, int perClass)
    {
        var taken = new int[count];
        var indices = new List<int>();
        for (int i = 0; i < data.Count; i++)
        {
            int label = data.Label(i) - first;
            if (label < 0 || label >= count || taken[label] == perClass) continue;
            taken[label]++;
            indices.Add(i);
        }
        return indices.ToArray();
    }

    private static Dataset Relabel(Dataset data, int[] indices, int first)
    {
        Dataset selected = data.Select(indices);
        int[] labels = selected.Labels.ToArray();
        for (int i = 0; i < labels.Length; i++) labels[i] -= first;
        return new Dataset(selected.Samples.ToArray(), labels, selected.SampleShape);
    }
}
