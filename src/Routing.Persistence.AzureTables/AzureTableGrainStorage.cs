using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Log = Routing.Persistence.AzureTables.AzureTableGrainStorageLog;

namespace Routing.Persistence.AzureTables;

/// <summary>Orleans grain storage on Azure Table storage (or Azurite): one entity per grain state, the
/// serialised state split over binary properties, optimistic concurrency through the entity's ETag.
/// See README.md beside this file for the entity layout and what each error means.</summary>
public sealed class AzureTableGrainStorage(
    string name,
    AzureTableGrainStorageOptions options,
    IOptions<ClusterOptions> clusterOptions,
    IActivatorProvider activatorProvider,
    ILogger<AzureTableGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly string _name = name;
    private readonly AzureTableGrainStorageOptions _options = options;
    private readonly string _serviceId = clusterOptions.Value.ServiceId;
    private readonly IActivatorProvider _activatorProvider = activatorProvider;
    private readonly ILogger _logger = logger;
    private TableClient? _table;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<AzureTableGrainStorage>(_name), _options.InitStage, InitAsync);

    /// <summary>Opens the table, creating it if missing. Fails with a message naming the setting to check.</summary>
    public async Task InitAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        TableServiceClient service;
        try
        {
            service = new TableServiceClient(_options.ConnectionString, _options.ClientOptions);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
        {
            var error = new AzureTableGrainStorageException(
                $"Azure table grain storage '{_name}': the {nameof(AzureTableGrainStorageOptions.ConnectionString)} setting " +
                $"is not a valid Azure Storage connection string: {ex.Message}", ex);
            Log.StartFailed(_logger, _name, error);
            throw error;
        }

        var table = service.GetTableClient(_options.TableName);
        try
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException or IOException)
        {
            var error = new AzureTableGrainStorageException(
                $"Azure table grain storage '{_name}' could not open or create table '{_options.TableName}' at " +
                $"{service.Uri} (check the {nameof(AzureTableGrainStorageOptions.ConnectionString)} setting and " +
                $"that the storage endpoint is reachable): {ex.Message}", ex);
            Log.StartFailed(_logger, _name, error);
            throw error;
        }
        _table = table;
        Log.Opened(_logger, _name, _options.TableName, service.Uri, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (table, partitionKey, rowKey) = Locate(stateName, grainId);
        try
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey).ConfigureAwait(false);
            var data = response.HasValue ? StateChunks.Read(response.Value!) : null;
            grainState.State = data is null ? NewState<T>() : _options.GrainStorageSerializer.Deserialize<T>(new BinaryData(data));
            grainState.ETag = response.HasValue ? response.Value!.ETag.ToString() : null;
            grainState.RecordExists = data is not null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage, layout and deserialisation failures alike: name the grain.
            throw Failed("read", stateName, grainId, ex);
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (table, partitionKey, rowKey) = Locate(stateName, grainId);
        ReadOnlyMemory<byte> data;
        try
        {
            data = _options.GrainStorageSerializer.Serialize(grainState.State).ToMemory();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Failed("serialise", stateName, grainId, ex);
        }
        if (data.Length > StateChunks.MaxStateBytes)
        {
            Log.TooLarge(_logger, _name, stateName, grainId, data.Length, StateChunks.MaxStateBytes);
            throw new GrainStateTooLargeException(
                $"State '{stateName}' of grain {grainId} serialises to {data.Length} bytes; Azure table grain storage " +
                $"'{_name}' stores at most {StateChunks.MaxStateBytes} bytes per state ({StateChunks.MaxChunks} properties " +
                $"of {StateChunks.MaxChunkBytes} bytes in one entity, under Azure's 1 MiB entity limit). Nothing was written.");
        }

        var entity = new TableEntity(partitionKey, rowKey);
        StateChunks.Write(entity, data);
        grainState.ETag = await PutAsync(table, entity, grainState.ETag, "write", stateName, grainId).ConfigureAwait(false);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (table, partitionKey, rowKey) = Locate(stateName, grainId);
        if (_options.DeleteStateOnClear)
        {
            await DeleteAsync(table, partitionKey, rowKey, grainState.ETag, stateName, grainId).ConfigureAwait(false);
            grainState.ETag = null;
        }
        else
        {
            var entity = new TableEntity(partitionKey, rowKey);
            StateChunks.WriteEmpty(entity);
            grainState.ETag = await PutAsync(table, entity, grainState.ETag, "clear", stateName, grainId).ConfigureAwait(false);
        }
        grainState.State = NewState<T>();
        grainState.RecordExists = false;
    }

    /// <summary>Inserts (no ETag: the record must not exist) or replaces (ETag must match) the entity,
    /// and returns the new ETag. Replace drops every property the new entity does not have.</summary>
    private async Task<string> PutAsync(TableClient table, TableEntity entity, string? etag, string operation, string stateName, GrainId grainId)
    {
        try
        {
            var response = etag is null
                ? await table.AddEntityAsync(entity).ConfigureAwait(false)
                : await table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace).ConfigureAwait(false);
            return response.Headers.ETag?.ToString()
                ?? throw new InvalidDataException("the storage service returned no ETag");
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            throw await ConflictAsync(table, entity.PartitionKey, entity.RowKey, etag, operation, stateName, grainId, ex).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or InvalidDataException or AggregateException)
        {
            throw Failed(operation, stateName, grainId, ex);
        }
    }

    private async Task DeleteAsync(TableClient table, string partitionKey, string rowKey, string? etag, string stateName, GrainId grainId)
    {
        try
        {
            if (etag is not null)
            {
                await table.DeleteEntityAsync(partitionKey, rowKey, new ETag(etag)).ConfigureAwait(false);
                return;
            }
            // No ETag: the grain believes nothing is stored. Deleting unconditionally could drop another
            // activation's write, so a record that is there is a conflict.
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, [StateChunks.CountProperty]).ConfigureAwait(false);
            if (existing.HasValue)
            {
                throw await ConflictAsync(table, partitionKey, rowKey, etag, "clear", stateName, grainId, null).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            throw await ConflictAsync(table, partitionKey, rowKey, etag, "clear", stateName, grainId, ex).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException)
        {
            throw Failed("clear", stateName, grainId, ex);
        }
    }

    private async Task<InconsistentStateException> ConflictAsync(
        TableClient table, string partitionKey, string rowKey, string? currentETag, string operation, string stateName, GrainId grainId, Exception? cause)
    {
        string? storedETag = null;
        try
        {
            var stored = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, [StateChunks.CountProperty]).ConfigureAwait(false);
            storedETag = stored.HasValue ? stored.Value!.ETag.ToString() : null;
        }
        catch (RequestFailedException)
        {
            // Only for the message: the conflict is the error that matters.
        }
        Log.Conflict(_logger, _name, operation, stateName, grainId, storedETag, currentETag);
        var message =
            $"ETag conflict on {operation} of state '{stateName}' of grain {grainId} in Azure table grain storage '{_name}': " +
            $"stored ETag {storedETag ?? "(no record)"}, the grain's ETag {currentETag ?? "(none: it expected no record)"}. " +
            "Another activation or writer changed the state; reactivate the grain to reload it.";
        return cause is null
            ? new InconsistentStateException(message, storedETag, currentETag)
            : new InconsistentStateException(message, storedETag, currentETag, cause);
    }

    private AzureTableGrainStorageException Failed(string operation, string stateName, GrainId grainId, Exception cause)
    {
        Log.OperationFailed(_logger, _name, operation, stateName, grainId, cause);
        return new AzureTableGrainStorageException(
            $"Azure table grain storage '{_name}' failed to {operation} state '{stateName}' of grain {grainId}: {cause.Message}", cause);
    }

    private (TableClient Table, string PartitionKey, string RowKey) Locate(string stateName, GrainId grainId)
    {
        var table = _table ?? throw new InvalidOperationException(
            $"Azure table grain storage '{_name}' is not initialised: the silo lifecycle has not opened the table yet.");
        var id = grainId.ToString();
        return (table, TableKeys.PartitionKey(_serviceId, id), TableKeys.RowKey(stateName, id));
    }

    private T NewState<T>() => _activatorProvider.GetActivator<T>().Create();
}
