using System.CommandLine;
using System.Globalization;
using Routing.Contracts.V1;
using Spectre.Console;
using static Routing.Cli.Commands.Reports.ReportOptions;

namespace Routing.Cli.Commands.Reports;

/// <summary><c>routing report queue|agents|dispositions|search|timeline</c>: the reports over stored history (role supervisor).</summary>
internal static class ReportCommands
{
    private const string Role = "supervisor";

    public static Command Create(IAnsiConsole console)
    {
        var report = new Command("report", "Reports over the stored history of the tenant (role supervisor or admin), as a table, CSV or JSON.");
        report.Add(Queue(console));
        report.Add(Agents(console));
        report.Add(Dispositions(console));
        report.Add(Search(console));
        report.Add(Timeline(console));
        return report;
    }

    private static Command Queue(IAnsiConsole console)
    {
        var options = new ReportOptions();
        var interval = new Option<int>("--interval", "-i") { Description = "Interval length in minutes: 15, 30 or 60.", DefaultValueFactory = _ => 15 };
        var queues = new Option<string[]>("--queue", "-q") { Description = "Queues to report; repeatable (default: every queue)." };
        var command = new Command("queue", "Queue interval report: offered, answered, service level, abandons, ASA, AHT per interval, day and queue.") { interval, queues };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, Role);
            var request = new QueueReportRequest { Range = options.Range(parse), IntervalMinutes = parse.GetValue(interval) };
            request.QueueIds.AddRange(parse.GetValue(queues) ?? []);
            var answer = await client.Reports.GetQueueReportAsync(request, cancellationToken);
            string[] Row(string period, QueueReportRow row) =>
            [
                row.QueueId.Length == 0 ? "all" : row.QueueId, period, Number(row.Offered), Number(row.Answered), Number(row.AnsweredWithinThreshold),
                Number(row.Abandoned), Number(row.ShortAbandoned), Number(row.Overflowed), Number(row.TransferredIn), Number(row.TransferredOut),
                Percent(row.HasServiceLevel ? row.ServiceLevel : null), Text(row.AverageSpeedOfAnswer), Text(row.AverageHandleTime), Text(row.LongestWait),
            ];
            var rows = answer.Intervals.Select(row => Row(row.LocalStart, row))
                .Concat(answer.Days.Select(row => Row(row.LocalStart, row)))
                .Concat(answer.Queues.Select(row => Row("total", row)))
                .Append(Row("total", answer.Total));
            ReportOutput.Write(console, parse.GetValue(options.Format), answer, $"{Connection.TenantHeader(parse)}, {answer.TimeZone}; {answer.ServiceLevelFormula}",
                ["Queue", "Period", "Offered", "Answered", "In SL", "Abandoned", "Short ab.", "Overflowed", "Transf. in", "Transf. out", "SL", "ASA", "AHT", "Longest wait"], rows);
            return 0;
        });
        return command;
    }

    private static Command Agents(IAnsiConsole console)
    {
        var options = new ReportOptions();
        var agents = new Option<string[]>("--agent", "-a") { Description = "Agents to report; repeatable (default: every agent)." };
        var command = new Command("agents", "Agent report: logged-in, ready and not-ready time, talk and wrap-up, transfers, ring-no-answers, occupancy.") { agents };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, Role);
            var request = new AgentReportRequest { Range = options.Range(parse) };
            request.AgentIds.AddRange(parse.GetValue(agents) ?? []);
            var answer = await client.Reports.GetAgentReportAsync(request, cancellationToken);
            var rows = answer.Agents.Select(agent => new[]
            {
                agent.AgentId, Text(agent.LoggedIn), Text(agent.Ready),
                string.Join(" ", agent.NotReady.Select(reason => $"{reason.Reason}={Text(reason.Time)}")),
                string.Join(" ", agent.Channels.Select(work => $"{work.Channel}:{work.Handled}/{Text(work.Talk)}/{Text(work.WrapUp)}")),
                Number(agent.Handled), Number(agent.Transfers), Number(agent.RingNoAnswers), Percent(agent.HasOccupancy ? agent.Occupancy : null),
                string.Join(" ", answer.Days.Where(day => day.AgentId == agent.AgentId).Select(day => $"{day.Date} {Text(day.FirstLogin)}–{Text(day.LastLogout)}")),
            });
            ReportOutput.Write(console, parse.GetValue(options.Format), answer, $"{Connection.TenantHeader(parse)}, {answer.TimeZone}; {answer.OccupancyFormula}",
                ["Agent", "Logged in", "Ready", "Not ready", "Channel:handled/talk/wrap-up", "Handled", "Transfers", "RNA", "Occupancy", "Days (first login–last logout)"], rows);
            return 0;
        });
        return command;
    }

    private static Command Dispositions(IAnsiConsole console)
    {
        var options = new ReportOptions();
        var queues = new Option<string[]>("--queue", "-q") { Description = "Queues to report; repeatable (default: every queue)." };
        var command = new Command("dispositions", "Interactions per client, queue and disposition code.") { queues };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, Role);
            var request = new DispositionReportRequest { Range = options.Range(parse) };
            request.QueueIds.AddRange(parse.GetValue(queues) ?? []);
            var answer = await client.Reports.GetDispositionReportAsync(request, cancellationToken);
            ReportOutput.Write(console, parse.GetValue(options.Format), answer, Connection.TenantHeader(parse), ["Client", "Queue", "Code", "Count"],
                answer.Rows.Select(row => new[] { row.Client, row.QueueId, row.Code, Number(row.Count) }));
            return 0;
        });
        return command;
    }

    private static Command Search(IAnsiConsole console)
    {
        var options = new ReportOptions();
        var queue = new Option<string?>("--queue", "-q") { Description = "Only those that ended in this queue." };
        var agent = new Option<string?>("--agent", "-a") { Description = "Only those this agent handled." };
        var customer = new Option<string?>("--customer") { Description = "Only this customer's." };
        var number = new Option<string?>("--customer-number")
        {
            Description = "Only this customer number or address (needs the personal-data.read permission: --permission personal-data.read, or a --token that carries it).",
        };
        var disposition = new Option<string?>("--disposition") { Description = "Only those with this disposition code." };
        var state = new Option<string?>("--state") { Description = "Only those in this state (Completed, Abandoned, Overflowed…)." };
        var pageSize = new Option<int>("--page-size") { Description = "Interactions per page, 1–500.", DefaultValueFactory = _ => 50 };
        var pageToken = new Option<string?>("--page-token") { Description = "Continue after a previous page (its next-page token)." };
        var command = new Command("search", "Find interactions, newest first, a page at a time.") { queue, agent, customer, number, disposition, state, pageSize, pageToken };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, Role);
            var request = new SearchInteractionsRequest
            {
                Range = options.Range(parse), QueueId = parse.GetValue(queue) ?? "", AgentId = parse.GetValue(agent) ?? "", CustomerId = parse.GetValue(customer) ?? "",
                DispositionCode = parse.GetValue(disposition) ?? "", State = State(parse.GetValue(state)), PageSize = parse.GetValue(pageSize), PageToken = parse.GetValue(pageToken) ?? "",
                CustomerNumber = parse.GetValue(number) ?? "",
            };
            var answer = await client.Reports.SearchAsync(request, cancellationToken);
            var title = answer.NextPageToken.Length == 0 ? "last page" : $"next page: --page-token {answer.NextPageToken}";
            ReportOutput.Write(console, parse.GetValue(options.Format), answer, title,
                ["Interaction", "Arrived", "Channel", "State", "Queue", "Agent", "Customer", "Number", "Wait", "Talk", "Disposition"],
                answer.Interactions.Select(i => new[]
                {
                    i.InteractionId, Text(i.ArrivedAt), i.Channel.ToString(), i.State.ToString(), i.QueueId, i.AgentId, i.CustomerId, i.CustomerNumber, Text(i.Wait), Text(i.Talk), i.DispositionCode,
                }));
            return 0;
        });
        return command;
    }

    private static Command Timeline(IAnsiConsole console)
    {
        var id = new Argument<string>("interaction") { Description = "The interaction id." };
        var format = new Option<ReportFormat>("--format", "-f") { Description = "table, csv or json.", DefaultValueFactory = _ => ReportFormat.Table };
        var command = new Command("timeline", "One stored interaction: its legs and every event.") { id, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = Connection.Open(parse, Role);
            var answer = await client.Reports.GetTimelineAsync(parse.GetRequiredValue(id), cancellationToken);
            var i = answer.Interaction;
            ReportOutput.Write(console, parse.GetValue(format), answer,
                $"{i.InteractionId}: {i.State} in {i.QueueId}, agents {string.Join(", ", i.Legs.Select(leg => leg.AgentId))}",
                ["#", "At", "Event", "Status", "Queue", "Agent", "Detail"],
                answer.Events.Select(e => new[] { Number(e.Sequence), Text(e.At), e.Kind.ToString(), e.Status.ToString(), e.QueueId, e.AgentId, e.Detail }));
            return 0;
        });
        return command;
    }

    private static InteractionStatus State(string? name) =>
        name is null ? InteractionStatus.Unspecified
        : Enum.TryParse<Core.InteractionStatus>(name, ignoreCase: true, out var state) && !int.TryParse(name, out _) ? (InteractionStatus)(int)state
        : throw new CliException($"--state '{name}' is not a state: one of {string.Join(", ", Enum.GetNames<Core.InteractionStatus>().Skip(1))}");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
