using System.Buffers;
using System.Net;
using System.Text.Json;
using HotRepos.GitHub.Resilience;

namespace HotRepos.GitHub;

/// <summary>
/// Turns a search body into a <see cref="SearchPage"/>. The body is read into pooled 16 KB chunks (below the
/// large-object threshold, returned after the parse; the page's bytes plus less than one chunk are held), then one
/// synchronous <see cref="Utf8JsonReader"/> pass reads the 15 fields reports use and skips GitHub's other members
/// without materializing them. A body that breaks off or is not GitHub's JSON becomes a
/// <see cref="GitHubApiException"/> that the page policy retries.
/// </summary>
internal static class SearchResponseParser
{
    /// <summary>The size of one pooled body chunk: a power of two (the pool's bucket size) below the 85,000-byte LOH threshold.</summary>
    private const int ChunkSize = 16 * 1024;

    public static async Task<SearchPage> ParseAsync(Stream body, int page, RateLimitInfo? rateLimit, CancellationToken cancellationToken)
    {
        var chunks = new List<byte[]>();
        try
        {
            var lastLength = 0;
            try
            {
                lastLength = await ReadChunksAsync(body, chunks, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                throw new GitHubApiException(GitHubErrorKind.BrokenBody, $"connection to GitHub broke off while reading page {page}: {ex.Message}", HttpStatusCode.OK, ex);
            }

            return Parse(chunks, lastLength, page, rateLimit);
        }
        finally
        {
            foreach (var chunk in chunks)
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }
    }

    /// <summary>Fills pooled chunks one after another; returns how many bytes of the last chunk are used.</summary>
    private static async Task<int> ReadChunksAsync(Stream body, List<byte[]> chunks, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        chunks.Add(chunk);
        var filled = 0;
        while (true)
        {
            if (filled == chunk.Length)
            {
                chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
                chunks.Add(chunk);
                filled = 0;
            }

            var read = await body.ReadAsync(chunk.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                return filled;
            }

            filled += read;
        }
    }

    private static SearchPage Parse(List<byte[]> chunks, int lastLength, int page, RateLimitInfo? rateLimit)
    {
        try
        {
            if (chunks.Count == 1)
            {
                var reader = new Utf8JsonReader(chunks[0].AsSpan(0, lastLength));
                return ReadPage(ref reader, page, rateLimit);
            }
            else
            {
                var reader = new Utf8JsonReader(ToSequence(chunks, lastLength));
                return ReadPage(ref reader, page, rateLimit);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // The reader's typed getters report a value of the wrong type as InvalidOperationException/FormatException.
            var inner = ex as JsonException ?? new JsonException(ex.Message, ex);
            throw new GitHubApiException(GitHubErrorKind.InvalidResponse, $"GitHub answered page {page} with malformed JSON ({ex.Message})", HttpStatusCode.OK, inner);
        }
    }

    private static ReadOnlySequence<byte> ToSequence(List<byte[]> chunks, int lastLength)
    {
        var first = new Segment(chunks[0], chunks[0].Length, 0);
        var last = first;
        for (var i = 1; i < chunks.Count; i++)
        {
            last = last.Append(chunks[i], i == chunks.Count - 1 ? lastLength : chunks[i].Length);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private static SearchPage ReadPage(ref Utf8JsonReader reader, int page, RateLimitInfo? rateLimit)
    {
        if (!reader.Read())
        {
            throw new JsonException("the body is empty");
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            throw new GitHubApiException(GitHubErrorKind.InvalidResponse, $"GitHub answered page {page} with a null body", HttpStatusCode.OK);
        }

        Expect(ref reader, JsonTokenType.StartObject, "the body");
        var totalCount = 0;
        var incompleteResults = false;
        List<GitHubRepository>? items = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("items"u8))
            {
                reader.Read();
                items = reader.TokenType == JsonTokenType.Null ? null : ReadItems(ref reader, page);
            }
            else if (reader.ValueTextEquals("total_count"u8))
            {
                reader.Read();
                totalCount = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("incomplete_results"u8))
            {
                reader.Read();
                incompleteResults = reader.GetBoolean();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.Read())
        {
            throw new JsonException("the body has content after its object");
        }

        return new SearchPage(
            totalCount,
            incompleteResults,
            items ?? throw new GitHubApiException(GitHubErrorKind.InvalidResponse, $"GitHub answered page {page} without an items array", HttpStatusCode.OK),
            rateLimit);
    }

    private static List<GitHubRepository> ReadItems(ref Utf8JsonReader reader, int page)
    {
        Expect(ref reader, JsonTokenType.StartArray, "items");
        var items = new List<GitHubRepository>(GitHubSearchClient.MaxPerPage);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(ReadItem(ref reader, page));
        }

        return items;
    }

    private static GitHubRepository ReadItem(ref Utf8JsonReader reader, int page)
    {
        Expect(ref reader, JsonTokenType.StartObject, "an item");
        long id = 0;
        string? fullName = null, htmlUrl = null, description = null, language = null, ownerLogin = null, licenseSpdxId = null;
        int stars = 0, forks = 0, openIssues = 0;
        List<string>? topics = null;
        DateTimeOffset? createdAt = null, pushedAt = null;
        bool archived = false, fork = false;

        Span<byte> nameBuffer = stackalloc byte[MaxEscapedNameLength];
        while (NextProperty(ref reader))
        {
            var field = Match(ref reader, nameBuffer);
            reader.Read();
            switch (field)
            {
                case Field.Id: id = reader.GetInt64(); break;
                case Field.FullName: fullName = ReadString(ref reader); break;
                case Field.HtmlUrl: htmlUrl = ReadString(ref reader); break;
                case Field.Description: description = ReadString(ref reader); break;
                case Field.Language: language = ReadString(ref reader); break;
                case Field.StargazersCount: stars = reader.GetInt32(); break;
                case Field.ForksCount: forks = reader.GetInt32(); break;
                case Field.OpenIssuesCount: openIssues = reader.GetInt32(); break;
                case Field.Topics: topics = ReadTopics(ref reader); break;
                case Field.CreatedAt: createdAt = ReadDate(ref reader); break;
                case Field.PushedAt: pushedAt = ReadDate(ref reader); break;
                case Field.Owner: ownerLogin = ReadNestedString(ref reader, "login"u8); break;
                case Field.License: licenseSpdxId = ReadNestedString(ref reader, "spdx_id"u8); break;
                case Field.Archived: archived = reader.GetBoolean(); break;
                case Field.Fork: fork = reader.GetBoolean(); break;
                default: reader.Skip(); break;
            }
        }

        if (id <= 0 || string.IsNullOrEmpty(fullName) || string.IsNullOrEmpty(htmlUrl) || createdAt is null)
        {
            throw new GitHubApiException(
                GitHubErrorKind.InvalidResponse,
                $"GitHub answered page {page} with an item lacking id, full_name, html_url or created_at (id {id})",
                HttpStatusCode.OK);
        }

        return new GitHubRepository(
            id,
            fullName,
            htmlUrl,
            description,
            language,
            stars,
            forks,
            openIssues,
            topics is { Count: > 0 } ? topics : [],
            createdAt.Value.ToUniversalTime(),
            pushedAt?.ToUniversalTime(),
            ownerLogin,
            licenseSpdxId,
            archived,
            fork);
    }

    /// <summary>An escaped name can be up to 6 bytes per character; the longest name read here has 17 characters.</summary>
    private const int MaxEscapedNameLength = 6 * 17;

    private enum Field
    {
        Other,
        Id,
        FullName,
        HtmlUrl,
        Description,
        Language,
        StargazersCount,
        ForksCount,
        OpenIssuesCount,
        Topics,
        CreatedAt,
        PushedAt,
        Owner,
        License,
        Archived,
        Fork,
    }

    /// <summary>Which of the used fields the current property name is: by length first, then by bytes.</summary>
    private static Field Match(ref Utf8JsonReader reader, scoped Span<byte> buffer)
    {
        scoped ReadOnlySpan<byte> name;
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            name = reader.ValueSpan;
        }
        else
        {
            var rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
            if (rawLength > buffer.Length)
            {
                return Field.Other;
            }

            name = buffer[..reader.CopyString(buffer)];
        }

        return name.Length switch
        {
            2 when name.SequenceEqual("id"u8) => Field.Id,
            4 when name.SequenceEqual("fork"u8) => Field.Fork,
            5 when name.SequenceEqual("owner"u8) => Field.Owner,
            6 when name.SequenceEqual("topics"u8) => Field.Topics,
            7 when name.SequenceEqual("license"u8) => Field.License,
            8 when name.SequenceEqual("html_url"u8) => Field.HtmlUrl,
            8 when name.SequenceEqual("language"u8) => Field.Language,
            8 when name.SequenceEqual("archived"u8) => Field.Archived,
            9 when name.SequenceEqual("full_name"u8) => Field.FullName,
            9 when name.SequenceEqual("pushed_at"u8) => Field.PushedAt,
            10 when name.SequenceEqual("created_at"u8) => Field.CreatedAt,
            11 when name.SequenceEqual("description"u8) => Field.Description,
            11 when name.SequenceEqual("forks_count"u8) => Field.ForksCount,
            16 when name.SequenceEqual("stargazers_count"u8) => Field.StargazersCount,
            17 when name.SequenceEqual("open_issues_count"u8) => Field.OpenIssuesCount,
            _ => Field.Other,
        };
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.PropertyName => true,
            JsonTokenType.EndObject => false,
            _ => throw new JsonException($"expected a property name, found {reader.TokenType}"),
        };
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string what)
    {
        if (reader.TokenType != expected)
        {
            throw new JsonException($"expected {what} to be {expected}, found {reader.TokenType}");
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader)
        => reader.TokenType == JsonTokenType.Null ? null : reader.GetString();

    private static DateTimeOffset? ReadDate(ref Utf8JsonReader reader)
        => reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset();

    private static List<string>? ReadTopics(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartArray, "topics");
        var topics = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            topics.Add(reader.GetString() ?? throw new JsonException("a topic is null"));
        }

        return topics;
    }

    /// <summary>Reads one string member of a nested object (owner.login, license.spdx_id), skipping the rest; null for a null object.</summary>
    private static string? ReadNestedString(ref Utf8JsonReader reader, ReadOnlySpan<byte> member)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject, "a nested object");
        string? value = null;
        while (NextProperty(ref reader))
        {
            var matches = reader.ValueTextEquals(member);
            reader.Read();
            if (matches)
            {
                value = ReadString(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return value;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] chunk, int length, long runningIndex)
        {
            Memory = chunk.AsMemory(0, length);
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] chunk, int length)
        {
            var next = new Segment(chunk, length, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
