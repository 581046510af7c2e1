using System.Collections;
using System.Management.Automation;
using System.Reflection;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Faults;

/// <summary>
/// Everything a run could show a person or a log, as text: <see cref="PsResult.AllText"/> plus every output object's
/// public properties (Raw and Metadata dictionaries included, a few levels deep), every error's exception chain
/// (inner exceptions, Data), target object and details. The per-platform secret tests and the sweep scan this.
/// </summary>
public static class SecretScan
{
    private const int MaxDepth = 3;

    public static List<string> Texts(IEnumerable<PsResult> results, params string[] more)
    {
        var texts = new List<string>(more);
        foreach (var result in results)
        {
            texts.AddRange(result.AllText());
            foreach (var output in result.Output) Walk(output?.BaseObject, 0, texts);
            foreach (var record in result.Errors.Append(result.Terminating?.ErrorRecord).OfType<ErrorRecord>())
            {
                texts.Add(record.ErrorDetails?.RecommendedAction ?? "");
                texts.Add(record.CategoryInfo.ToString());
                Walk(record.TargetObject, 0, texts);
                for (var ex = record.Exception; ex is not null; ex = ex.InnerException)
                {
                    texts.Add(ex.ToString());
                    foreach (DictionaryEntry entry in ex.Data) texts.Add($"{entry.Key}={entry.Value}");
                }
            }
        }
        return texts;
    }

    /// <summary>Asserts that no secret appears in any text, naming where one did.</summary>
    public static void AssertClean(IReadOnlyCollection<string> secrets, IEnumerable<string> texts)
    {
        foreach (var text in texts)
            foreach (var secret in secrets)
            {
                var at = text.IndexOf(secret, StringComparison.Ordinal);
                Assert.False(at >= 0, $"A secret ({secret[..Math.Min(6, secret.Length)]}...) leaked into: ...{(at < 0 ? "" : text[Math.Max(0, at - 300)..Math.Min(text.Length, at + secret.Length + 100)])}...");
            }
    }

    private static void Walk(object? value, int depth, List<string> texts)
    {
        if (value is null || depth > MaxDepth) return;
        if (value is PSObject ps) value = ps.BaseObject;
        texts.Add(value.ToString() ?? "");
        var type = value.GetType();
        if (value is string || type.IsPrimitive || type.IsEnum || value is Type || value is System.Security.SecureString) return;
        if (value is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                texts.Add(entry.Key?.ToString() ?? "");
                Walk(entry.Value, depth + 1, texts);
            }
            return;
        }
        if (value is IEnumerable items)
        {
            foreach (var item in items) Walk(item, depth + 1, texts);
            return;
        }
        if (type.Namespace?.StartsWith("VideoPlatforms", StringComparison.Ordinal) != true) return;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            object? child;
            try
            {
                child = property.GetValue(value);
            }
            catch (TargetInvocationException)
            {
                continue;
            }
            Walk(child, depth + 1, texts);
        }
    }
}
