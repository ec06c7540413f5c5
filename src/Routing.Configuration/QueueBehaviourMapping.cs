using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Routing.Abstractions.Configuration;
using Routing.Core.Hours;
using V1 = Routing.Contracts.V1;

namespace Routing.Configuration;

/// <summary>Maps a queue's behaviour block (max wait, overflow, max waiting, no agents, business hours; admin.proto
/// fields 40–49) both ways, so <c>config show</c> → <c>config apply</c> round-trips.</summary>
public static class QueueBehaviourMapping
{
    internal static void CopyBehaviourTo(this QueueDefinition queue, V1.QueueDefinition proto)
    {
        proto.MaxWait = queue.MaxWait is { } maxWait ? Duration.FromTimeSpan(maxWait) : null;
        proto.Overflow = queue.Overflow is { } overflow
            ? new V1.QueueOverflowAction { Kind = overflow.Kind.ToProto(), QueueId = overflow.QueueId.OrEmpty(), Message = overflow.Message.OrEmpty() }
            : null;
        if (queue.MaxWaiting is { } maxWaiting)
        {
            proto.MaxWaiting = maxWaiting;
        }
        proto.WhenNoAgents = queue.WhenNoAgents switch
        {
            NoAgentsAction.Refuse => V1.NoAgentsAction.Refuse,
            NoAgentsAction.Overflow => V1.NoAgentsAction.Overflow,
            _ => V1.NoAgentsAction.Wait,
        };
        proto.Hours = queue.Hours?.ToProto();
        proto.ClosedAction = queue.ClosedAction == ClosedAction.Overflow ? V1.ClosedAction.Overflow : V1.ClosedAction.Refuse;
    }

    /// <summary><paramref name="queue"/> with the behaviour block of <paramref name="proto"/>; unknown values are problems.</summary>
    internal static QueueDefinition WithBehaviourOf(this QueueDefinition queue, V1.QueueDefinition proto, List<string> problems)
    {
        var owner = $"queue '{Core.EntityId.Shown(proto.QueueId)}'";
        return queue with
        {
            MaxWait = proto.MaxWait is null ? null : ConfigurationMapping.Time(proto.MaxWait, TimeSpan.Zero, $"{owner}: max wait", problems),
            Overflow = proto.Overflow is { } overflow ? overflow.ToRecord(owner, problems) : null,
            MaxWaiting = proto.HasMaxWaiting ? proto.MaxWaiting : null,
            WhenNoAgents = proto.WhenNoAgents switch
            {
                V1.NoAgentsAction.Unspecified or V1.NoAgentsAction.Wait => NoAgentsAction.Wait,
                V1.NoAgentsAction.Refuse => NoAgentsAction.Refuse,
                V1.NoAgentsAction.Overflow => NoAgentsAction.Overflow,
                _ => Problem(problems, $"{owner}: unknown when-no-agents action {(int)proto.WhenNoAgents}", NoAgentsAction.Wait),
            },
            Hours = proto.Hours?.ToRecord(owner, problems),
            ClosedAction = proto.ClosedAction switch
            {
                V1.ClosedAction.Unspecified or V1.ClosedAction.Refuse => ClosedAction.Refuse,
                V1.ClosedAction.Overflow => ClosedAction.Overflow,
                _ => Problem(problems, $"{owner}: unknown closed action {(int)proto.ClosedAction}", ClosedAction.Refuse),
            },
        };
    }

    public static V1.OverflowActionKind ToProto(this OverflowActionKind kind) => kind switch
    {
        OverflowActionKind.Disconnect => V1.OverflowActionKind.Disconnect,
        OverflowActionKind.Voicemail => V1.OverflowActionKind.Voicemail,
        OverflowActionKind.Callback => V1.OverflowActionKind.Callback,
        OverflowActionKind.Queue => V1.OverflowActionKind.Queue,
        _ => V1.OverflowActionKind.Unspecified,
    };

    private static OverflowAction ToRecord(this V1.QueueOverflowAction proto, string owner, List<string> problems) => new()
    {
        Kind = proto.Kind switch
        {
            V1.OverflowActionKind.Unspecified or V1.OverflowActionKind.Disconnect => OverflowActionKind.Disconnect,
            V1.OverflowActionKind.Voicemail => OverflowActionKind.Voicemail,
            V1.OverflowActionKind.Callback => OverflowActionKind.Callback,
            V1.OverflowActionKind.Queue => OverflowActionKind.Queue,
            _ => Problem(problems, $"{owner}: unknown overflow action {(int)proto.Kind}", OverflowActionKind.Disconnect),
        },
        QueueId = proto.QueueId.NullIfEmpty(),
        Message = proto.Message.NullIfEmpty(),
    };

    private static V1.BusinessHours ToProto(this BusinessHours hours)
    {
        var proto = new V1.BusinessHours();
        foreach (var day in hours.Weekly)
        {
            var weekly = new V1.WeeklyHours { Day = day.Day == DayOfWeek.Sunday ? V1.DayOfWeek.Sunday : (V1.DayOfWeek)(int)day.Day };
            weekly.Open.AddRange(day.Open);
            proto.Weekly.Add(weekly);
        }
        foreach (var date in hours.Exceptions)
        {
            var dated = new V1.DatedHours { Date = date.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Name = date.Name.OrEmpty() };
            dated.Open.AddRange(date.Open);
            proto.Exceptions.Add(dated);
        }
        return proto;
    }

    private static BusinessHours ToRecord(this V1.BusinessHours proto, string owner, List<string> problems) => new()
    {
        Weekly = [.. proto.Weekly.Select(w => new WeeklyHours
        {
            Day = w.Day switch
            {
                V1.DayOfWeek.Sunday => DayOfWeek.Sunday,
                >= V1.DayOfWeek.Monday and <= V1.DayOfWeek.Saturday => (DayOfWeek)(int)w.Day,
                _ => Problem(problems, $"{owner}: weekly hours need a day of the week", DayOfWeek.Monday),
            },
            Open = [.. w.Open],
        })],
        Exceptions = [.. proto.Exceptions.Select(e => new DatedHours
        {
            Date = DateOnly.TryParseExact(e.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : Problem(problems, $"{owner}: '{e.Date}' is not a date like \"2026-12-25\"", DateOnly.MinValue),
            Open = [.. e.Open],
            Name = e.Name.NullIfEmpty(),
        })],
    };

    private static T Problem<T>(List<string> problems, string problem, T fallback)
    {
        problems.Add(problem);
        return fallback;
    }
}
