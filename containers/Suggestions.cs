// "Did you mean ...?": the closest known name to a misspelt one, by edit distance.
using System;
using System.Collections.Generic;

namespace Codezero.Containers;

internal static class Suggestions
{
    /// <summary>The known name closest to <paramref name="name"/> if it is a likely typo (a few edits), else one it begins (3 letters at least).</summary>
    public static string? Closest(string name, IEnumerable<string> known)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in known)
        {
            int distance = Distance(name, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.Max(2, Math.Max(name.Length, best?.Length ?? 0) / 3);
        if (bestDistance <= allowed)
        {
            return best;
        }
        if (name.Length >= 3)
        {
            foreach (string candidate in known)
            {
                if (candidate.StartsWith(name, StringComparison.Ordinal))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    /// <summary>"; did you mean 'priority'?" or "".</summary>
    public static string DidYouMean(string name, IEnumerable<string> known)
        => Closest(name, known) is { } best ? $"; did you mean '{best}'?" : "";

    /// <summary>Levenshtein distance, an adjacent swap counting as one edit.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
