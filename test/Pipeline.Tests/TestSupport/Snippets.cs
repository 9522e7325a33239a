namespace HotRepos.Tests.TestSupport;

/// <summary>Code shown in the README, read from the README and from the test that runs it, to check both are the same text.</summary>
internal static class Snippets
{
    /// <summary>The lines between <c>// begin-snippet: NAME</c> and <c>// end-snippet</c> of a test file, dedented.</summary>
    public static string FromTest(string relativePath, string name)
    {
        var source = File.ReadAllText(Path.Combine(SourceTree.Root, relativePath));
        var begin = $"// begin-snippet: {name}\n";
        var start = source.IndexOf(begin, StringComparison.Ordinal) + begin.Length;
        return Dedent(source[start..source.IndexOf("// end-snippet", start, StringComparison.Ordinal)]);
    }

    /// <summary>The first code block opened with <paramref name="fence"/> (<c>```csharp\n</c>) after <paramref name="heading"/> in the README.</summary>
    public static string FromReadme(string heading, string fence)
    {
        var readme = File.ReadAllText(Path.Combine(SourceTree.Root, "README.md"));
        var section = readme[readme.IndexOf(heading, StringComparison.Ordinal)..];
        var start = section.IndexOf(fence, StringComparison.Ordinal) + fence.Length;
        return section[start..section.IndexOf("```\n", start, StringComparison.Ordinal)];
    }

    private static string Dedent(string text)
    {
        var lines = text.TrimEnd(' ').Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }
}
