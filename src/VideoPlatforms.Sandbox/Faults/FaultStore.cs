using System.Text.RegularExpressions;

namespace VideoPlatforms.Sandbox.Faults;

/// <summary>The fault rules in force, checked in the order they were added.</summary>
public sealed class FaultStore
{
    private readonly object _sync = new();
    private readonly List<(FaultRule Rule, Regex Path)> _rules = [];
    private readonly Dictionary<int, Random> _seeded = [];
    private int _nextId;

    /// <summary>Adds a rule and returns it with its id. Throws <see cref="ArgumentException"/> for an invalid rule.</summary>
    public FaultRule Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Regex path;
        try
        {
            path = new Regex(rule.PathPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"pathPattern is not a valid regular expression: {ex.Message}", nameof(rule), ex);
        }

        if (rule.Skip < 0)
        {
            throw new ArgumentException("skip must be 0 or more.", nameof(rule));
        }

        if (rule.Times < 0)
        {
            throw new ArgumentException("times must be 0 (unlimited) or more.", nameof(rule));
        }

        if (rule.Probability is < 0 or > 1 || double.IsNaN(rule.Probability))
        {
            throw new ArgumentException("probability must be between 0 and 1.", nameof(rule));
        }

        if (rule.Kind == FaultKind.Status && rule.Status is < 100 or > 599)
        {
            throw new ArgumentException("status must be an HTTP status code (100-599).", nameof(rule));
        }

        if (rule.DelayMs < 0 || rule.AfterBytes < 0)
        {
            throw new ArgumentException("delayMs and afterBytes must not be negative.", nameof(rule));
        }

        lock (_sync)
        {
            var added = rule with { Id = ++_nextId, Fired = 0, Skipped = 0 };
            _rules.Add((added, path));
            if (added.Seed is { } seed)
            {
                _seeded[added.Id] = new Random(seed);
            }

            return added;
        }
    }

    public IReadOnlyList<FaultRule> List()
    {
        lock (_sync)
        {
            return [.. _rules.Select(r => r.Rule)];
        }
    }

    public bool Remove(int id)
    {
        lock (_sync)
        {
            _seeded.Remove(id);
            return _rules.RemoveAll(r => r.Rule.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _rules.Clear();
            _seeded.Clear();
        }
    }

    /// <summary>The first active rule that matches and wins its probability roll; counts the firing.</summary>
    internal FaultRule? TryFire(string platform, string method, string path)
    {
        lock (_sync)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, regex) = _rules[i];
                if (!rule.Active
                    || (rule.Platform != "*" && !string.Equals(rule.Platform, platform, StringComparison.OrdinalIgnoreCase))
                    || (rule.Method != "*" && !string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase))
                    || !regex.IsMatch(path))
                {
                    continue;
                }

                if (rule.Skipped < rule.Skip)
                {
                    _rules[i] = (rule with { Skipped = rule.Skipped + 1 }, regex);
                    continue;
                }

                var random = _seeded.TryGetValue(rule.Id, out var own) ? own : Random.Shared;
                if (rule.Probability < 1.0 && random.NextDouble() >= rule.Probability)
                {
                    continue;
                }

                var fired = rule with { Fired = rule.Fired + 1 };
                _rules[i] = (fired, regex);
                return fired;
            }
        }

        return null;
    }
}
