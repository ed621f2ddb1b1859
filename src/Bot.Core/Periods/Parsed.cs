namespace Bot.Core.Periods;

/// <summary>The outcome of parsing user text: a value, or an error message fit to show the user.</summary>
public readonly record struct Parsed<T>
{
    private Parsed(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public string? Error { get; }

    public bool Success => Error is null;

    public static Parsed<T> Ok(T value) => new(value, null);

    public static Parsed<T> Fail(string error) => new(default, error);
}
