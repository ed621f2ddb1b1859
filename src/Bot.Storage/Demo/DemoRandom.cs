namespace Bot.Storage.Demo;

/// <summary>A small deterministic generator (SplitMix64) seeded from a seed and coordinates, so any shop-day can be generated on its own.</summary>
/// <remarks>
/// Seeding from (seed, shop, day, stream) makes the data independent of generation order: the
/// goals can sum a year of the model without generating it row by row, and the same seed gives
/// the same bytes on every machine (integer arithmetic only).
/// </remarks>
internal struct DemoRandom
{
    private ulong _state;

    public DemoRandom(int seed, long a, long b = 0, long c = 0)
    {
        _state = Mix((ulong)(uint)seed ^ 0x5DEECE66DUL);
        _state = Mix(_state ^ (ulong)a);
        _state = Mix(_state ^ ((ulong)b * 0x9E3779B97F4A7C15UL));
        _state = Mix(_state ^ ((ulong)c * 0xC2B2AE3D27D4EB4FUL));
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double Between(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Uniform integer in [min, max).</summary>
    public int Int(int min, int max) => min + (int)(Next() % (ulong)(max - min));

    /// <summary>A factor around 1: uniform in [1 − amplitude, 1 + amplitude).</summary>
    public double Noise(double amplitude) => 1 + (((NextDouble() * 2) - 1) * amplitude);

    public bool Chance(double probability) => NextDouble() < probability;

    private ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
