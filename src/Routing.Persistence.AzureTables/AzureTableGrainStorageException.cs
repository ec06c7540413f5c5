namespace Routing.Persistence.AzureTables;

/// <summary>A grain-state operation on Azure Table storage failed for a reason other than an ETag
/// conflict (which is an <see cref="Orleans.Storage.InconsistentStateException"/>), or the provider
/// could not start. The message names the provider, the grain and, at start-up, the setting to check.</summary>
[GenerateSerializer]
public class AzureTableGrainStorageException : Exception
{
    public AzureTableGrainStorageException()
    {
    }

    public AzureTableGrainStorageException(string message) : base(message)
    {
    }

    public AzureTableGrainStorageException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}

/// <summary>The serialised state does not fit in one table entity. Nothing was written: the stored state
/// is unchanged.</summary>
[GenerateSerializer]
public sealed class GrainStateTooLargeException : AzureTableGrainStorageException
{
    public GrainStateTooLargeException()
    {
    }

    public GrainStateTooLargeException(string message) : base(message)
    {
    }

    public GrainStateTooLargeException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
