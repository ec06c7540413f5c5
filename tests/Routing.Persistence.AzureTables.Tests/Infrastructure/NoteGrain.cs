namespace Routing.Persistence.AzureTables.Tests.Infrastructure;

/// <summary>A tiny grain that keeps one note in the provider under test.</summary>
public interface INoteGrain : IGrainWithStringKey
{
    Task Set(string text);

    Task<NoteSnapshot> Get();

    Task Deactivate();
}

[GenerateSerializer, Immutable, Alias("Routing.Persistence.AzureTables.Tests.NoteSnapshot")]
public sealed record NoteSnapshot([property: Id(0)] string? Text, [property: Id(1)] bool RecordExists, [property: Id(2)] Guid ActivationId);

[GenerateSerializer, Alias("Routing.Persistence.AzureTables.Tests.NoteState")]
public sealed class NoteState
{
    [Id(0)] public string? Text { get; set; }
}

public sealed class NoteGrain([PersistentState("note", NoteGrain.StorageName)] IPersistentState<NoteState> note) : Grain, INoteGrain
{
    public const string StorageName = "azure";

    private readonly Guid _activationId = Guid.NewGuid();

    public Task Set(string text)
    {
        note.State.Text = text;
        return note.WriteStateAsync();
    }

    public Task<NoteSnapshot> Get() => Task.FromResult(new NoteSnapshot(note.State.Text, note.RecordExists, _activationId));

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
