using Routing.Abstractions.Configuration;
using Routing.Core;

namespace Routing.Grains.Tenants;

/// <summary>The queues of a configuration, indexed so that finding those an agent's skills meet does not
/// test every queue: a queue requiring skills is found under its first one (an agent lacking it cannot meet
/// it); queues with no requirement or with escalation steps (which may drop or widen skills) are tested always.</summary>
internal sealed class QueueCandidates
{
    private readonly QueueDefinition[] _queues;
    private readonly IReadOnlyList<EligibilityStage>?[] _stages;
    private readonly Dictionary<string, List<int>> _bySkill = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<int> _always = [];

    public QueueCandidates(QueueDefinition[] queues)
    {
        _queues = queues;
        _stages = new IReadOnlyList<EligibilityStage>?[queues.Length];
        for (var i = 0; i < queues.Length; i++)
        {
            var queue = queues[i];
            if (queue.Escalation.Length > 0)
            {
                _stages[i] = queue.EscalationStages([]);
                _always.Add(i);
            }
            else if (queue.RequiredSkills.Length == 0)
            {
                _always.Add(i);
            }
            else
            {
                var skill = queue.RequiredSkills[0].Skill;
                if (!_bySkill.TryGetValue(skill, out var indexed))
                {
                    _bySkill[skill] = indexed = [];
                }
                indexed.Add(i);
            }
        }
    }

    /// <summary>The ids of the queues <paramref name="skills"/> meet, at the start or at any escalation step,
    /// in configuration order.</summary>
    public string[] MetBy(SkillSet skills)
    {
        var met = new List<int>();
        foreach (var i in _always)
        {
            if (Meets(i, skills))
            {
                met.Add(i);
            }
        }
        foreach (var level in skills.Levels)
        {
            if (_bySkill.TryGetValue(level.Skill, out var indexed))
            {
                met.AddRange(indexed.Where(i => Meets(i, skills)));
            }
        }
        met.Sort();
        return [.. met.Select(i => _queues[i].QueueId)];
    }

    private bool Meets(int i, SkillSet skills) =>
        skills.Satisfies(_queues[i].RequiredSkills) || (_stages[i] is { } stages && SkillEscalation.EverAdmits(stages, skills));
}
