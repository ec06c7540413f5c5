using Routing.Core;
using Routing.Core.Lifecycle;
using Routing.History.PersonalData;
using Routing.History.Reports;
using Routing.History.Tests.Infrastructure;
using Routing.History.Tests.Reports;

namespace Routing.History.Tests.PersonalData;

/// <summary>The personal data policy from the recorded fact to the stored row and back, on both providers: what a
/// reader with and without the permission sees, search by number, key rotation.</summary>
public sealed class PersonalDataStoreTests(HistoryDatabases databases)
{
    private const string Number = "+44 20 7946 0123";
    private const string CallbackNumber = "+33140001234";
    private const string Email = "jane.doe@example.com";
    private const string MaskedEmail = "••••••••••••••••.com";

    private readonly CancellationToken _cancellation = TestContext.Current.CancellationToken;

    [Theory, BothProviders]
    public async Task Mask_StoresOnlyTheMaskedForm_EvenForAPermittedReader(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        var ring = PersonalDataKeys.Ring(tenant, ("k1", PersonalDataKeys.NewKey()));
        var rules = PersonalDataKeys.Rules(PersonalDataMode.Mask, protectCustomerId: true, "email");

        await WriteProtectedAsync(store, ring, rules, Personal(tenant, "i-1"), CallbackEvent(tenant, "i-1"));

        var stored = await store.FindInteractionAsync(tenant, "i-1", _cancellation);
        Assert.NotNull(stored);
        Assert.Equal("••••••••••••0123", stored.CustomerNumber);
        Assert.Equal("••••••••1234", stored.CallbackNumber);
        Assert.Equal(MaskedEmail, stored.Attributes["email"]);
        Assert.Equal("gold", stored.Attributes["tier"]);
        Assert.Equal("•••••••r-42", stored.CustomerId);
        Assert.Null(stored.PersonalSecret);
        Assert.DoesNotContain(await StoredTextAsync(store, tenant), text => text.Contains("7946", StringComparison.Ordinal) || text.Contains("jane", StringComparison.Ordinal));
        var read = new PersonalDataReader(ring).Read(stored, rules, permitted: true);
        Assert.Equal("••••••••••••0123", read.CustomerNumber);
        var timeline = await store.ReadTimelineAsync(tenant, "i-1", _cancellation);
        Assert.Equal("••••••••1234", new PersonalDataReader(ring).Read(timeline.Single(), permitted: true).Detail);
    }

    [Theory, BothProviders]
    public async Task Encrypt_PermittedReaderGetsFullValues_OthersTheMaskedForm(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        var ring = PersonalDataKeys.Ring(tenant, ("k1", PersonalDataKeys.NewKey()));
        var rules = PersonalDataKeys.Rules(PersonalDataMode.Encrypt, protectCustomerId: false, "email");
        var written = Personal(tenant, "i-1");

        await WriteProtectedAsync(store, ring, rules, written, CallbackEvent(tenant, "i-1"));

        var stored = (await store.FindInteractionAsync(tenant, "i-1", _cancellation))!;
        Assert.StartsWith("v1:k1:", stored.PersonalSecret, StringComparison.Ordinal);
        Assert.DoesNotContain(await StoredTextAsync(store, tenant), text => text.Contains("7946", StringComparison.Ordinal) || text.Contains("jane", StringComparison.Ordinal));
        var reader = new PersonalDataReader(ring);
        var full = reader.Read(stored, rules, permitted: true);
        Assert.Equal((Number, CallbackNumber, Email, "customer-42"), (full.CustomerNumber, full.CallbackNumber, full.Attributes["email"], full.CustomerId));
        Assert.Null(full.PersonalSecret);
        Assert.Null(full.CustomerNumberHash);
        var masked = reader.Read(stored, rules, permitted: false);
        Assert.Equal(("••••••••••••0123", "••••••••1234", MaskedEmail), (masked.CustomerNumber, masked.CallbackNumber, masked.Attributes["email"]));
        var events = await store.ReadTimelineAsync(tenant, "i-1", _cancellation);
        Assert.Equal(CallbackNumber, reader.Read(events.Single(), permitted: true).Detail);
        Assert.Equal("••••••••1234", reader.Read(events.Single(), permitted: false).Detail);
    }

    [Theory, BothProviders]
    public async Task Plain_StoresAsGiven_ButAReaderWithoutPermissionSeesItMasked(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        var ring = PersonalDataKeys.Ring(tenant);
        var rules = PersonalDataKeys.Rules(PersonalDataMode.Plain);

        await WriteProtectedAsync(store, ring, rules, Personal(tenant, "i-1"));

        var stored = (await store.FindInteractionAsync(tenant, "i-1", _cancellation))!;
        Assert.Equal(Number, stored.CustomerNumber);
        Assert.Equal("••••••••••••0123", new PersonalDataReader(ring).Read(stored, rules, permitted: false).CustomerNumber);
        var page = await store.Reports().SearchAsync(Search(tenant) with { CustomerNumberHashes = PersonalDataHash.Candidates(ring.KeysOf(tenant), tenant, "+442079460123") }, _cancellation);
        Assert.Equal("i-1", Assert.Single(page.Interactions).InteractionId);
    }

    [Theory, BothProviders]
    public async Task SearchByNumber_FindsItWhateverTheSpacing_AcrossAKeyRotation_AndNotWithoutTheKey(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        var (oldKey, newKey) = (("2026-01", PersonalDataKeys.NewKey()), ("2026-12", PersonalDataKeys.NewKey()));
        var rules = PersonalDataKeys.Rules(PersonalDataMode.Encrypt);
        await WriteProtectedAsync(store, PersonalDataKeys.Ring(tenant, oldKey), rules, Personal(tenant, "i-old"));
        var rotated = PersonalDataKeys.Ring(tenant, newKey, oldKey);
        await WriteProtectedAsync(store, rotated, rules, Personal(tenant, "i-new"), Personal(tenant, "i-other") with { CustomerNumber = "+442079460999" });
        var reports = store.Reports();

        var found = await reports.SearchAsync(Search(tenant) with { CustomerNumberHashes = PersonalDataHash.Candidates(rotated.KeysOf(tenant), tenant, "+44 (20) 7946-0123") }, _cancellation);

        Assert.Equal(["i-old", "i-new"], found.Interactions.Select(i => i.InteractionId).Order(StringComparer.Ordinal).Reverse());
        Assert.All(found.Interactions, stored => Assert.Equal(Number, new PersonalDataReader(rotated).Read(stored, rules, permitted: true).CustomerNumber));
        var withoutOldKey = PersonalDataKeys.Ring(tenant, newKey);
        var newOnly = await reports.SearchAsync(Search(tenant) with { CustomerNumberHashes = PersonalDataHash.Candidates(withoutOldKey.KeysOf(tenant), tenant, Number) }, _cancellation);
        Assert.Equal("i-new", Assert.Single(newOnly.Interactions).InteractionId);
        var old = (await store.FindInteractionAsync(tenant, "i-old", _cancellation))!;
        Assert.Equal("••••••••••••0123", new PersonalDataReader(withoutOldKey).Read(old, rules, permitted: true).CustomerNumber);
    }

    [Theory, BothProviders]
    public async Task ProtectedCustomerId_StoredMasked_FoundByItsHash_ShownWithThePermission(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        var ring = PersonalDataKeys.Ring(tenant, ("k1", PersonalDataKeys.NewKey()));
        var rules = PersonalDataKeys.Rules(PersonalDataMode.Encrypt, protectCustomerId: true);
        await WriteProtectedAsync(store, ring, rules, Personal(tenant, "i-1"), Personal(tenant, "i-2") with { CustomerId = "customer-7" });

        var page = await store.Reports().SearchAsync(
            Search(tenant) with { CustomerId = "customer-42", CustomerIdHashes = PersonalDataHash.Candidates(ring.KeysOf(tenant), tenant, "customer-42") }, _cancellation);

        var found = Assert.Single(page.Interactions);
        Assert.Equal(("i-1", "•••••••r-42"), (found.InteractionId, found.CustomerId));
        Assert.Equal("customer-42", new PersonalDataReader(ring).Read(found, rules, permitted: true).CustomerId);
        Assert.Equal("•••••••r-42", new PersonalDataReader(ring).Read(found, rules, permitted: false).CustomerId);
    }

    [Theory, BothProviders]
    public async Task Recorder_AppliesThePolicyBeforeWriting(HistoryProvider provider)
    {
        await using var store = await databases.CreateStoreAsync(provider, _cancellation);
        var tenant = Facts.NewTenant();
        var ring = PersonalDataKeys.Ring(tenant, ("k1", PersonalDataKeys.NewKey()));
        await using var recorder = new HistoryRecorder(store, Microsoft.Extensions.Options.Options.Create(new HistoryOptions { BatchDelay = TimeSpan.Zero }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<HistoryRecorder>.Instance, PersonalDataKeys.Protector(ring, PersonalDataRules.Default));
        recorder.Start();

        recorder.RecordAll([Personal(tenant, "i-1"), CallbackEvent(tenant, "i-1")]);
        await recorder.FlushWithinAsync();

        Assert.Equal("••••••••••••0123", (await store.FindInteractionAsync(tenant, "i-1", _cancellation))!.CustomerNumber);
        Assert.Equal("••••••••1234", (await store.ReadTimelineAsync(tenant, "i-1", _cancellation)).Single().Detail);
    }

    private static InteractionRecord Personal(string tenant, string id) => Facts.Interaction(tenant, id) with
    {
        CustomerNumber = Number,
        CallbackNumber = CallbackNumber,
        Attributes = new Dictionary<string, string> { ["tier"] = "gold", ["email"] = Email },
    };

    private static InteractionEventRecord CallbackEvent(string tenant, string id) =>
        Facts.Event(tenant, id, 1, InteractionEventKind.CallbackRequested) with { Detail = CallbackNumber };

    private static InteractionSearch Search(string tenant) => new() { TenantId = tenant, From = Facts.Start.AddDays(-1), To = Facts.Start.AddDays(1) };

    private async Task WriteProtectedAsync(IHistoryStore store, PersonalDataKeyRing ring, PersonalDataRules rules, params HistoryFact[] facts) =>
        await store.WriteAsync(new HistoryBatch(await PersonalDataKeys.Protector(ring, rules).ProtectAsync(facts, _cancellation)), _cancellation);

    /// <summary>Every text value stored for the tenant's interactions and events, as the database holds it.</summary>
    private async Task<List<string>> StoredTextAsync(IHistoryStore store, string tenant)
    {
        var interactions = await store.Reports().SearchAsync(Search(tenant), _cancellation);
        var texts = new List<string>();
        foreach (var interaction in interactions.Interactions)
        {
            texts.AddRange(typeof(InteractionRecord).GetProperties().Select(p => p.GetValue(interaction)).OfType<string>());
            texts.AddRange(interaction.Attributes.Values);
            texts.AddRange((await store.ReadTimelineAsync(tenant, interaction.InteractionId, _cancellation)).Select(e => e.Detail ?? string.Empty));
        }
        return texts;
    }
}
