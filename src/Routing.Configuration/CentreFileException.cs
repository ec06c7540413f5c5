namespace Routing.Configuration;

/// <summary>The centre configuration file is missing or cannot be read; the message names the file
/// and, for bad JSON, the line and column.</summary>
public sealed class CentreFileException : Exception
{
    public CentreFileException()
    {
    }

    public CentreFileException(string message)
        : base(message)
    {
    }

    public CentreFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
