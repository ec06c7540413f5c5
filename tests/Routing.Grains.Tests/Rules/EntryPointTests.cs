using Routing.Abstractions;
using Routing.Abstractions.Configuration;
using Routing.Abstractions.EntryPoints;
using Routing.Core;
using Routing.Grains.Tests.Infrastructure;
using static Routing.Grains.Tests.Infrastructure.TestCentre;

namespace Routing.Grains.Tests.Rules;

/// <summary>Entry points: a dialled number leads to a queue, and ordered rules on what is known of the caller send
/// key accounts to their account manager and debtors to finance; the configuration is checked as a whole.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EntryPointTests(ClusterFixture fixture)
{
    private readonly TestCentre _centre = new(fixture.Client);

    /// <summary>A sales line: key accounts wait for their account manager in the key-account queue, a caller with an open
    /// debt goes to finance, French numbers need French.</summary>
    private static readonly EntryPointDefinition SalesLine = new()
    {
        EntryPointId = "sales-line",
        Addresses = ["+441130000001", "1001"],
        QueueId = "sales",
        Priority = 10,
        Mode = EntryPointMode.Proxy,
        VoicemailUri = "sip:voicemail@pbx.example.com",
        Rules =
        [
            new EntryRule
            {
                RuleId = "key-account",
                When = [new EntryCondition { Field = "attributes.tier", Values = ["key-account"] }],
                QueueId = "key-accounts",
                Priority = 50,
                PreferredAgentAttribute = "accountManager",
                PreferredAgentId = "head-of-sales",
            },
            new EntryRule
            {
                RuleId = "debt",
                When = [new EntryCondition { Field = "attributes.debt", Operator = EntryConditionOperator.OneOf, Values = ["open", "overdue"] }],
                QueueId = "finance",
            },
            new EntryRule
            {
                RuleId = "french",
                When = [new EntryCondition { Field = "caller", Operator = EntryConditionOperator.Prefix, Values = ["+33"] }],
                ExtraSkills = [new SkillRequirement("lang.fr", 3)],
            },
        ],
    };

    [Fact]
    public void NoRuleMatches_TheEntryPointsDefaultsHold()
    {
        var decision = SalesLine.Decide(Call(caller: "+441130999999"));

        Assert.Equal(("sales", 10, null, null), (decision.QueueId, decision.Priority, decision.RuleId, decision.PreferredAgentId));
        Assert.Equal((EntryPointMode.Proxy, "sip:voicemail@pbx.example.com"), (decision.Mode, decision.VoicemailUri));
    }

    [Fact]
    public void KeyAccount_WaitsForItsAccountManager_AndFallsBackToTheHeadOfSales()
    {
        var withManager = SalesLine.Decide(Call(attributes: new() { ["tier"] = "key-account", ["accountManager"] = "anna" }));
        var withoutManager = SalesLine.Decide(Call(attributes: new() { ["tier"] = "key-account", ["accountManager"] = "not an id!" }));

        Assert.Equal(("key-accounts", 50, "key-account", "anna"), (withManager.QueueId, withManager.Priority, withManager.RuleId, withManager.PreferredAgentId));
        Assert.Equal("head-of-sales", withoutManager.PreferredAgentId);
    }

    [Fact]
    public void FirstMatchingRuleWins_InTheirOrder()
    {
        // Both key account and debtor: the key-account rule comes first.
        var both = SalesLine.Decide(Call(attributes: new() { ["tier"] = "key-account", ["debt"] = "open" }));
        var debtor = SalesLine.Decide(Call(caller: "+33612345678", attributes: new() { ["debt"] = "overdue" }));

        Assert.Equal("key-account", both.RuleId);
        Assert.Equal(("finance", 10, "debt"), (debtor.QueueId, debtor.Priority, debtor.RuleId));
        Assert.Empty(debtor.ExtraSkills);
    }

    [Fact]
    public void CallerPrefix_AddsTheRulesSkills_KeepingTheQueue()
    {
        var french = SalesLine.Decide(Call(caller: "+33612345678"));

        Assert.Equal(("sales", "french"), (french.QueueId, french.RuleId));
        Assert.Equal([new SkillRequirement("lang.fr", 3)], french.ExtraSkills);
    }

    [Theory]
    [InlineData(EntryConditionOperator.Present, null, false)]
    [InlineData(EntryConditionOperator.Present, "x", true)]
    [InlineData(EntryConditionOperator.Absent, null, true)]
    [InlineData(EntryConditionOperator.Absent, "", true)]
    [InlineData(EntryConditionOperator.NoneOf, "gold", false)]
    [InlineData(EntryConditionOperator.NoneOf, "silver", true)]
    [InlineData(EntryConditionOperator.NoneOf, null, true)]
    [InlineData(EntryConditionOperator.OneOf, null, false)]
    public void Operators_TreatAMissingFieldAsTheySay(EntryConditionOperator op, string? tier, bool holds)
    {
        var condition = new EntryCondition { Field = "attributes.tier", Operator = op, Values = op is EntryConditionOperator.NoneOf or EntryConditionOperator.OneOf ? ["gold"] : [] };
        var attributes = tier is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["tier"] = tier };

        Assert.Equal(holds, condition.Holds(Call(attributes: attributes)));
    }

    [Fact]
    public async Task TheTenantDecides_ByNumberOrId_AndAnUnknownEntryIsNone()
    {
        await ApplyWithSalesLine(SalesLine);
        var tenant = fixture.Client.Tenant(_centre.TenantId);

        var byNumber = await tenant.DecideEntry(Call(entry: "1001", attributes: new() { ["debt"] = "open" }));
        var byId = await tenant.DecideEntry(Call(entry: "sales-line"));

        Assert.Equal(("sales-line", "finance"), (byNumber!.EntryPointId, byNumber.QueueId));
        Assert.Equal("sales", byId!.QueueId);
        Assert.Null(await tenant.DecideEntry(Call(entry: "+449999")));
        Assert.Null(await fixture.Client.Tenant("t-unconfigured-" + Guid.NewGuid().ToString("N")[..8]).DecideEntry(Call(entry: "1001")));
    }

    [Fact]
    public async Task InvalidEntryPoints_AreRefusedAsAWhole_NamingEveryProblem_AndTheOldConfigurationStays()
    {
        await ApplyWithSalesLine(SalesLine);
        var clash = new EntryPointDefinition { EntryPointId = "support-line", Addresses = ["1001", "bad address"], QueueId = "nowhere" };
        var badRule = SalesLine with
        {
            VoicemailUri = "http://not-sip",
            Rules = [new EntryRule { RuleId = "r", When = [new EntryCondition { Field = "colour", Values = [] }], PreferredAgentId = "ghost" }],
        };

        var error = await Assert.ThrowsAsync<RoutingException>(() => ApplyWithSalesLine(badRule, clash));

        Assert.Equal(RoutingError.InvalidArgument, error.Error);
        foreach (var expected in new[]
        {
            "'1001' already leads to entry point 'sales-line'", "address 'bad address'", "queue 'nowhere', which is not configured",
            "voicemail must be a sip:", "condition field 'colour'", "needs at least one value", "prefers agent 'ghost'",
        })
        {
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
        Assert.Equal("sales", (await fixture.Client.Tenant(_centre.TenantId).DecideEntry(Call(entry: "1001")))!.QueueId);
    }

    private Task ApplyWithSalesLine(params EntryPointDefinition[] entryPoints) =>
        _centre.Apply([Queue("sales"), Queue("key-accounts"), Queue("finance")], [Agent("anna"), Agent("head-of-sales")],
            configuration => configuration with { EntryPoints = entryPoints });

    private static EntryCall Call(string entry = "1001", string? caller = null, Dictionary<string, string>? attributes = null) =>
        new() { Entry = entry, CallerNumber = caller, Attributes = attributes ?? [] };
}
