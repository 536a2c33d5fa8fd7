namespace Fengqiao.Text.Routing;

/// <summary>A sparse feature vector: parallel index and value arrays (indices distinct, in no particular order).</summary>
internal readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public float Dot(float[] dense, int offset)
    {
        float s = 0;
        var idx = Indices;
        var val = Values;
        for (int i = 0; i < idx.Length; i++)
        {
            s += dense[offset + idx[i]] * val[i];
        }

        return s;
    }

    public float SquaredNorm()
    {
        float s = 0;
        foreach (var v in Values)
        {
            s += v * v;
        }

        return s;
    }
}
