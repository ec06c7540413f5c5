using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using Routing.Client;
using Routing.Contracts.V1;
using Spectre.Console;

namespace Routing.Cli.Commands;

/// <summary><c>routing call create|hangup|show</c>: test interactions, as a media gateway would make them.</summary>
internal static class CallCommands
{
    public static Command Create(IAnsiConsole console)
    {
        var call = new Command("call", "Create, follow and hang up test interactions (role gateway).");
        call.Add(CreateCommand(console));
        call.Add(Hangup(console));
        call.Add(Callback(console));
        call.Add(Show(console));
        call.Add(Priority(console));
        call.Add(Move(console));
        call.Add(Decide(console));
        call.Add(CallTransferCommand.Create(console));
        return call;
    }

    private static Command CreateCommand(IAnsiConsole console)
    {
        var queue = new Option<string?>("--queue", "-q") { Description = "The queue (or --entry)." };
        var entry = new Option<string?>("--entry", "-e") { Description = "Instead of --queue: an entry point's id or dialled number; its rules choose the queue." };
        var attributes = AttributeOption();
        var channel = new Option<Channel>("--channel", "-c") { Description = "Voice, Chat, Email, Message or Callback.", DefaultValueFactory = _ => Channel.Voice };
        var priority = new Option<int>("--priority", "-p") { Description = "0–100." };
        var number = new Option<string?>("--number") { Description = "The caller's number, e.g. +33123456789." };
        var customer = new Option<string?>("--customer") { Description = "The customer's id." };
        var skills = new Option<string[]>("--skill") { Description = "Extra required skill as name:level, e.g. lang.fr:3; repeatable." };
        var count = new Option<int>("--count", "-n") { Description = "How many to create (1–10,000).", DefaultValueFactory = _ => 1 };
        var follow = new Option<bool>("--follow", "-f") { Description = "Print the interaction's events until it ends (one interaction only)." };
        var at = new Option<DateTimeOffset?>("--at") { Description = "With --channel Callback: when to call back (ISO 8601, e.g. 2026-11-23T14:30:00+00:00)." };
        var create = new Command("create", "Create interactions and print their ids.") { queue, entry, channel, priority, number, customer, skills, attributes, count, follow, at };
        create.SetAction(async (parse, cancellationToken) =>
        {
            var howMany = parse.GetValue(count);
            if (howMany is < 1 or > 10_000)
            {
                throw new CliException("--count must be between 1 and 10,000");
            }
            if ((parse.GetValue(queue) is null) == (parse.GetValue(entry) is null))
            {
                throw new CliException("give either --queue or --entry");
            }
            var request = new CreateInteractionRequest
            {
                QueueId = parse.GetValue(queue) ?? string.Empty,
                Entry = parse.GetValue(entry) ?? string.Empty,
                Channel = parse.GetValue(channel),
                Priority = parse.GetValue(priority),
                CustomerNumber = parse.GetValue(number) ?? string.Empty,
                CustomerId = parse.GetValue(customer) ?? string.Empty,
                ScheduledFor = parse.GetValue(at) is { } due ? Timestamp.FromDateTimeOffset(due) : null,
            };
            request.RequiredSkills.AddRange((parse.GetValue(skills) ?? []).Select(ParseSkill));
            request.Attributes.Add(ParseAttributes(parse.GetValue(attributes)));
            using var client = Connection.Open(parse, "gateway");
            string? last = null;
            for (var i = 0; i < howMany; i++)
            {
                var created = await client.Interactions.CreateAsync(request, cancellationToken);
                last = created.InteractionId;
                console.MarkupLine($"{Markup.Escape(created.InteractionId)} [grey]{created.Status}[/]");
            }
            if (parse.GetValue(follow) && howMany == 1)
            {
                await foreach (var e in client.Interactions.WatchAsync(last!, cancellationToken))
                {
                    console.MarkupLine(Describe(e));
                }
            }
            return 0;
        });
        return create;
    }

    private static Command Decide(IAnsiConsole console)
    {
        var entry = new Argument<string>("entry") { Description = "An entry point's id or a dialled number." };
        var number = new Option<string?>("--number") { Description = "The caller's number, e.g. +33123456789." };
        var customer = new Option<string?>("--customer") { Description = "The customer's id." };
        var attributes = AttributeOption();
        var decide = new Command("decide", "Where a contact at an entry point would go (creates nothing).") { entry, number, customer, attributes };
        decide.SetAction(async (parse, cancellationToken) =>
        {
            var request = new DecideEntryRequest
            {
                Entry = parse.GetRequiredValue(entry),
                CustomerNumber = parse.GetValue(number) ?? string.Empty,
                CustomerId = parse.GetValue(customer) ?? string.Empty,
            };
            request.Attributes.Add(ParseAttributes(parse.GetValue(attributes)));
            using var client = Connection.Open(parse, "gateway");
            var decision = await client.Interactions.DecideEntryAsync(request, cancellationToken);
            var skills = string.Join(", ", decision.ExtraSkills.Select(s => $"{s.Skill}:{s.MinimumLevel}"));
            console.MarkupLine($"entry point [bold]{Markup.Escape(decision.EntryPointId)}[/] → queue [bold]{Markup.Escape(decision.QueueId)}[/], priority {decision.Priority}"
                + (decision.RuleId.Length > 0 ? $", rule {Markup.Escape(decision.RuleId)}" : ", no rule matched")
                + (decision.PreferredAgentId.Length > 0 ? $", preferred agent {Markup.Escape(decision.PreferredAgentId)}" : string.Empty)
                + (skills.Length > 0 ? $", skills {Markup.Escape(skills)}" : string.Empty)
                + $" [grey]({decision.Mode}{(decision.VoicemailUri.Length > 0 ? $", voicemail {Markup.Escape(decision.VoicemailUri)}" : string.Empty)})[/]");
            return 0;
        });
        return decide;
    }

    private static Option<string[]> AttributeOption() =>
        new("--attribute", "-a") { Description = "An attribute as key=value (IVR choice, tier, debt…); repeatable." };

    private static Dictionary<string, string> ParseAttributes(string[]? pairs)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var split = pair.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0)
            {
                throw new CliException($"--attribute '{pair}' is not key=value");
            }
            attributes[pair[..split]] = pair[(split + 1)..];
        }
        return attributes;
    }

    private static Command Hangup(IAnsiConsole console)
    {
        var id = new Argument<string>("interaction") { Description = "The interaction's id." };
        var hangup = new Command("hangup", "The customer hangs up.") { id };
        hangup.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, "gateway");
            var snapshot = await client.Interactions.HangupAsync(parse.GetRequiredValue(id), cancellationToken);
            console.MarkupLine($"{Markup.Escape(snapshot.InteractionId)} [grey]{snapshot.Status}[/]");
            return 0;
        });
        return hangup;
    }

    private static Command Callback(IAnsiConsole console)
    {
        var id = new Argument<string>("interaction") { Description = "The waiting voice interaction's id." };
        var number = new Option<string>("--number") { Description = "The number to call back.", Required = true };
        var command = new Command("callback", "The waiting caller asks to be called back; the call keeps its place in line as a callback.") { id, number };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, "gateway");
            var snapshot = await client.Interactions.RequestCallbackAsync(parse.GetRequiredValue(id), parse.GetRequiredValue(number), cancellationToken);
            console.MarkupLine($"{Markup.Escape(snapshot.InteractionId)} [grey]{snapshot.Status} {snapshot.Channel}[/]");
            return 0;
        });
        return command;
    }

    private static Command Priority(IAnsiConsole console)
    {
        var id = new Argument<string>("interaction") { Description = "The interaction's id." };
        var priority = new Argument<int>("priority") { Description = "The new priority, 0–100." };
        var command = new Command("priority", "Change the priority of a waiting or ringing interaction (role supervisor); it keeps its arrival time.") { id, priority };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, "supervisor");
            var snapshot = await client.Supervisor.SetPriorityAsync(parse.GetRequiredValue(id), parse.GetValue(priority), cancellationToken);
            console.MarkupLine($"{Markup.Escape(snapshot.InteractionId)} [grey]{snapshot.Status}[/] priority {snapshot.Priority}");
            return 0;
        });
        return command;
    }

    private static Command Move(IAnsiConsole console)
    {
        var id = new Argument<string>("interaction") { Description = "The interaction's id." };
        var queue = new Argument<string>("queue") { Description = "The queue it moves to." };
        var command = new Command("move", "Move a waiting interaction to another queue (role supervisor); it keeps its arrival time.") { id, queue };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, "supervisor");
            var snapshot = await client.Supervisor.MoveAsync(parse.GetRequiredValue(id), parse.GetRequiredValue(queue), cancellationToken);
            console.MarkupLine($"{Markup.Escape(snapshot.InteractionId)} [grey]{snapshot.Status}[/] queue {Markup.Escape(snapshot.QueueId)}");
            return 0;
        });
        return command;
    }

    private static Command Show(IAnsiConsole console)
    {
        var id = new Argument<string>("interaction") { Description = "The interaction's id." };
        var show = new Command("show", "An interaction and its history.") { id };
        show.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, "gateway");
            var snapshot = await client.Interactions.GetAsync(parse.GetRequiredValue(id), cancellationToken);
            console.MarkupLine($"{Markup.Escape(snapshot.InteractionId)} [bold]{snapshot.Status}[/] queue {Markup.Escape(snapshot.QueueId)} {snapshot.Channel} priority {snapshot.Priority}");
            foreach (var e in snapshot.Events)
            {
                console.MarkupLine(Describe(e));
            }
            return 0;
        });
        return show;
    }

    internal static string Describe(InteractionEvent e)
    {
        var agent = e.AgentId.Length > 0 ? $" agent {Markup.Escape(e.AgentId)}" : string.Empty;
        var endpoint = e.AgentEndpoint.Length > 0 ? $" [grey]{Markup.Escape(e.AgentEndpoint)}[/]" : string.Empty;
        var detail = e.Detail.Length > 0 ? $" [grey]({Markup.Escape(e.Detail)})[/]" : string.Empty;
        return $"  {e.At.ToDateTimeOffset():HH:mm:ss.fff} #{e.Sequence} [bold]{e.Kind}[/]{agent}{endpoint}{detail}";
    }

    private static SkillRequirement ParseSkill(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 2 && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var level)
            ? new SkillRequirement { Skill = parts[0], MinimumLevel = level }
            : throw new CliException($"--skill '{text}' must look like name:level, e.g. lang.fr:3");
    }
}
