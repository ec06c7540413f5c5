using Microsoft.Extensions.Logging;

namespace Routing.Persistence.AzureTables;

internal static partial class AzureTableGrainStorageLog
{
    [LoggerMessage(1, LogLevel.Information, "Azure table grain storage '{Name}' opened table '{Table}' at {Endpoint} in {ElapsedMs:0} ms")]
    public static partial void Opened(ILogger logger, string name, string table, Uri endpoint, double elapsedMs);

    [LoggerMessage(2, LogLevel.Error, "Azure table grain storage '{Name}' could not start")]
    public static partial void StartFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(3, LogLevel.Error, "Azure table grain storage '{Name}' failed to {Operation} state '{StateName}' of grain {GrainId}")]
    public static partial void OperationFailed(ILogger logger, string name, string operation, string stateName, GrainId grainId, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Azure table grain storage '{Name}': ETag conflict on {Operation} of state '{StateName}' of grain {GrainId} (stored {StoredETag}, grain's {CurrentETag})")]
    public static partial void Conflict(ILogger logger, string name, string operation, string stateName, GrainId grainId, string? storedETag, string? currentETag);

    [LoggerMessage(5, LogLevel.Error, "Azure table grain storage '{Name}': state '{StateName}' of grain {GrainId} is {Size} bytes, over the {Limit}-byte limit; not written")]
    public static partial void TooLarge(ILogger logger, string name, string stateName, GrainId grainId, int size, int limit);
}
