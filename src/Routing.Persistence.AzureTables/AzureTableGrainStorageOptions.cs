using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Routing.Persistence.AzureTables;

/// <summary>Settings of one Azure Table grain-storage provider (one per provider name).</summary>
public sealed class AzureTableGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>The table used when <see cref="TableName"/> is not set.</summary>
    public const string DefaultTableName = "RoutingGrainState";

    /// <summary>Azure Storage connection string (account, key and table endpoint). Required.
    /// For Azurite: <c>UseDevelopmentStorage=true</c> or the well-known development account string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table holding grain state; created at silo start if missing. Azure rules:
    /// 3–63 letters or digits, starting with a letter.</summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>When true (the default) <c>ClearStateAsync</c> deletes the entity. When false it replaces
    /// it with an empty record (no data, new ETag), so the ETag chain survives the clear.</summary>
    public bool DeleteStateOnClear { get; set; } = true;

    /// <summary>Azure SDK client settings (retries, timeouts, service version).</summary>
    public TableClientOptions ClientOptions { get; set; } = new();

    /// <summary>The silo lifecycle stage at which the table is opened (and created).</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;

    /// <summary>Serializer for grain state; defaults to the <see cref="IGrainStorageSerializer"/> registered
    /// in the container.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}

/// <summary>Checks one named <see cref="AzureTableGrainStorageOptions"/> and reports every problem at once.</summary>
public sealed partial class AzureTableGrainStorageOptionsValidator(string name) : IValidateOptions<AzureTableGrainStorageOptions>
{
    private readonly string _name = name;

    public ValidateOptionsResult Validate(string? name, AzureTableGrainStorageOptions options)
    {
        if (!string.Equals(name, _name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var prefix = $"Azure table grain storage '{_name}': ";
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add(prefix + $"{nameof(options.ConnectionString)} is required (an Azure Storage connection string, e.g. UseDevelopmentStorage=true for Azurite).");
        }
        if (options.TableName is null || !TableNamePattern().IsMatch(options.TableName))
        {
            errors.Add(prefix + $"{nameof(options.TableName)} '{options.TableName}' is not a valid Azure table name (3–63 letters or digits, starting with a letter).");
        }
        else if (string.Equals(options.TableName, "tables", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(prefix + $"{nameof(options.TableName)} 'tables' is reserved by Azure Table storage.");
        }
        if (options.ClientOptions is null)
        {
            errors.Add(prefix + $"{nameof(options.ClientOptions)} must not be null.");
        }
        if (options.GrainStorageSerializer is null)
        {
            errors.Add(prefix + $"{nameof(options.GrainStorageSerializer)} is not set and no IGrainStorageSerializer is registered.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();
}
