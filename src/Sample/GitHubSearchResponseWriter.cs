using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HotRepos.Sample;

/// <summary>
/// Writes search responses and error bodies exactly in GitHub's shape, straight into a stream or buffer.
/// API urls are built from the given API base (e.g. <c>https://api.github.com</c>); web urls stay on github.com.
/// </summary>
internal static class GitHubSearchResponseWriter
{
    // GitHub sends non-ASCII text raw (UTF-8), not \u-escaped; control characters and quotes are still escaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private static readonly (JsonEncodedText Name, string Suffix)[] RepoUrlTemplates =
    [
        (E("forks_url"), "/forks"), (E("keys_url"), "/keys{/key_id}"), (E("collaborators_url"), "/collaborators{/collaborator}"),
        (E("teams_url"), "/teams"), (E("hooks_url"), "/hooks"), (E("issue_events_url"), "/issues/events{/number}"),
        (E("events_url"), "/events"), (E("assignees_url"), "/assignees{/user}"), (E("branches_url"), "/branches{/branch}"),
        (E("tags_url"), "/tags"), (E("blobs_url"), "/git/blobs{/sha}"), (E("git_tags_url"), "/git/tags{/sha}"),
        (E("git_refs_url"), "/git/refs{/sha}"), (E("trees_url"), "/git/trees{/sha}"), (E("statuses_url"), "/statuses/{sha}"),
        (E("languages_url"), "/languages"), (E("stargazers_url"), "/stargazers"), (E("contributors_url"), "/contributors"),
        (E("subscribers_url"), "/subscribers"), (E("subscription_url"), "/subscription"), (E("commits_url"), "/commits{/sha}"),
        (E("git_commits_url"), "/git/commits{/sha}"), (E("comments_url"), "/comments{/number}"),
        (E("issue_comment_url"), "/issues/comments{/number}"), (E("contents_url"), "/contents/{+path}"),
        (E("compare_url"), "/compare/{base}...{head}"), (E("merges_url"), "/merges"), (E("archive_url"), "/{archive_format}{/ref}"),
        (E("downloads_url"), "/downloads"), (E("issues_url"), "/issues{/number}"), (E("pulls_url"), "/pulls{/number}"),
        (E("milestones_url"), "/milestones{/number}"), (E("notifications_url"), "/notifications{?since,all,participating}"),
        (E("labels_url"), "/labels{/name}"), (E("releases_url"), "/releases{/id}"), (E("deployments_url"), "/deployments"),
    ];

    private static readonly (JsonEncodedText Name, string Suffix)[] OwnerUrlTemplates =
    [
        (E("followers_url"), "/followers"), (E("following_url"), "/following{/other_user}"), (E("gists_url"), "/gists{/gist_id}"),
        (E("starred_url"), "/starred{/owner}{/repo}"), (E("subscriptions_url"), "/subscriptions"), (E("organizations_url"), "/orgs"),
        (E("repos_url"), "/repos"), (E("events_url"), "/events{/privacy}"), (E("received_events_url"), "/received_events"),
    ];

    private static readonly JsonEncodedText TotalCount = E("total_count"), IncompleteResults = E("incomplete_results"), Items = E("items");
    private static readonly JsonEncodedText Id = E("id"), NodeId = E("node_id"), Name = E("name"), FullName = E("full_name"), Private = E("private");
    private static readonly JsonEncodedText Owner = E("owner"), Login = E("login"), AvatarUrl = E("avatar_url"), GravatarId = E("gravatar_id");
    private static readonly JsonEncodedText Url = E("url"), HtmlUrl = E("html_url"), Type = E("type"), SiteAdmin = E("site_admin");
    private static readonly JsonEncodedText Description = E("description"), Fork = E("fork"), CreatedAt = E("created_at"), UpdatedAt = E("updated_at"), PushedAt = E("pushed_at");
    private static readonly JsonEncodedText GitUrl = E("git_url"), SshUrl = E("ssh_url"), CloneUrl = E("clone_url"), SvnUrl = E("svn_url"), Homepage = E("homepage");
    private static readonly JsonEncodedText Size = E("size"), StargazersCount = E("stargazers_count"), WatchersCount = E("watchers_count"), Language = E("language");
    private static readonly JsonEncodedText HasIssues = E("has_issues"), HasProjects = E("has_projects"), HasDownloads = E("has_downloads"), HasWiki = E("has_wiki");
    private static readonly JsonEncodedText HasPages = E("has_pages"), HasDiscussions = E("has_discussions"), ForksCount = E("forks_count"), MirrorUrl = E("mirror_url");
    private static readonly JsonEncodedText Archived = E("archived"), Disabled = E("disabled"), OpenIssuesCount = E("open_issues_count"), License = E("license");
    private static readonly JsonEncodedText Key = E("key"), SpdxId = E("spdx_id"), AllowForking = E("allow_forking"), IsTemplate = E("is_template");
    private static readonly JsonEncodedText WebCommitSignoffRequired = E("web_commit_signoff_required"), Topics = E("topics"), Visibility = E("visibility");
    private static readonly JsonEncodedText Forks = E("forks"), OpenIssues = E("open_issues"), Watchers = E("watchers"), DefaultBranch = E("default_branch"), Score = E("score");
    private static readonly JsonEncodedText Message = E("message"), Errors = E("errors"), Resource = E("resource"), Field = E("field"), Code = E("code");
    private static readonly JsonEncodedText DocumentationUrl = E("documentation_url"), Status = E("status");

    public static void WriteSearchResponse(Stream output, string apiBaseUrl, int totalCount, bool incompleteResults, IReadOnlyList<SampleRepository> items)
    {
        using var writer = new Utf8JsonWriter(output, Options);
        WriteSearchResponse(writer, apiBaseUrl, totalCount, incompleteResults, items);
    }

    public static void WriteSearchResponse(IBufferWriter<byte> output, string apiBaseUrl, int totalCount, bool incompleteResults, IReadOnlyList<SampleRepository> items)
    {
        using var writer = new Utf8JsonWriter(output, Options);
        WriteSearchResponse(writer, apiBaseUrl, totalCount, incompleteResults, items);
    }

    public static void WriteSearchResponse(Utf8JsonWriter writer, string apiBaseUrl, int totalCount, bool incompleteResults, IReadOnlyList<SampleRepository> items)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(items);
        var api = apiBaseUrl.TrimEnd('/');
        writer.WriteStartObject();
        writer.WriteNumber(TotalCount, totalCount);
        writer.WriteBoolean(IncompleteResults, incompleteResults);
        writer.WriteStartArray(Items);
        for (var i = 0; i < items.Count; i++)
        {
            WriteItem(writer, api, items[i]);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    public static void WriteError(Stream output, GitHubError error)
    {
        using var writer = new Utf8JsonWriter(output, Options);
        WriteError(writer, error);
    }

    public static void WriteError(IBufferWriter<byte> output, GitHubError error)
    {
        using var writer = new Utf8JsonWriter(output, Options);
        WriteError(writer, error);
    }

    public static byte[] ErrorBytes(GitHubError error)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteError(buffer, error);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteError(Utf8JsonWriter writer, GitHubError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        writer.WriteStartObject();
        writer.WriteString(Message, error.Message);
        if (error.Errors is { } errors)
        {
            writer.WriteStartArray(Errors);
            foreach (var e in errors)
            {
                writer.WriteStartObject();
                if (e.Message is not null)
                {
                    writer.WriteString(Message, e.Message);
                }

                writer.WriteString(Resource, e.Resource);
                writer.WriteString(Field, e.Field);
                writer.WriteString(Code, e.Code);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteString(DocumentationUrl, error.DocumentationUrl);
        writer.WriteString(Status, error.Status.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        writer.Flush();
    }

    private static void WriteItem(Utf8JsonWriter w, string api, SampleRepository r)
    {
        var fullName = r.FullName;
        var repoApi = api + "/repos/" + fullName;
        var html = "https://github.com/" + fullName;

        w.WriteStartObject();
        w.WriteNumber(Id, r.Id);
        w.WriteString(NodeId, r.NodeId);
        w.WriteString(Name, r.Name);
        w.WriteString(FullName, fullName);
        w.WriteBoolean(Private, false);
        WriteOwner(w, api, r);
        w.WriteString(HtmlUrl, html);
        WriteNullableString(w, Description, r.Description);
        w.WriteBoolean(Fork, r.Fork);
        w.WriteString(Url, repoApi);
        foreach (var (name, suffix) in RepoUrlTemplates)
        {
            WriteConcat(w, name, repoApi, suffix);
        }

        WriteDate(w, CreatedAt, r.CreatedAt);
        WriteDate(w, UpdatedAt, r.UpdatedAt);
        WriteDate(w, PushedAt, r.PushedAt);
        WriteConcat(w, GitUrl, "git://github.com/" + fullName, ".git");
        WriteConcat(w, SshUrl, "git@github.com:" + fullName, ".git");
        WriteConcat(w, CloneUrl, html, ".git");
        w.WriteString(SvnUrl, html);
        WriteNullableString(w, Homepage, r.Homepage);
        w.WriteNumber(Size, r.Size);
        w.WriteNumber(StargazersCount, r.Stargazers);
        w.WriteNumber(WatchersCount, r.Watchers);
        WriteNullableString(w, Language, r.Language);
        w.WriteBoolean(HasIssues, r.HasIssues);
        w.WriteBoolean(HasProjects, r.HasProjects);
        w.WriteBoolean(HasDownloads, true);
        w.WriteBoolean(HasWiki, r.HasWiki);
        w.WriteBoolean(HasPages, r.HasPages);
        w.WriteBoolean(HasDiscussions, r.HasDiscussions);
        w.WriteNumber(ForksCount, r.Forks);
        w.WriteNull(MirrorUrl);
        w.WriteBoolean(Archived, r.Archived);
        w.WriteBoolean(Disabled, false);
        w.WriteNumber(OpenIssuesCount, r.OpenIssues);
        if (r.License is { } license)
        {
            w.WriteStartObject(License);
            w.WriteString(Key, license.Key);
            w.WriteString(Name, license.Name);
            w.WriteString(SpdxId, license.SpdxId);
            if (license.HasUrl)
            {
                WriteConcat(w, Url, api + "/licenses/", license.Key);
            }
            else
            {
                w.WriteNull(Url);
            }

            w.WriteString(NodeId, license.NodeId);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull(License);
        }

        w.WriteBoolean(AllowForking, true);
        w.WriteBoolean(IsTemplate, false);
        w.WriteBoolean(WebCommitSignoffRequired, false);
        w.WriteStartArray(Topics);
        foreach (var topic in r.Topics)
        {
            w.WriteStringValue(topic);
        }

        w.WriteEndArray();
        w.WriteString(Visibility, "public");
        w.WriteNumber(Forks, r.Forks);
        w.WriteNumber(OpenIssues, r.OpenIssues);
        w.WriteNumber(Watchers, r.Watchers);
        w.WriteString(DefaultBranch, r.DefaultBranch);
        w.WritePropertyName(Score);
        w.WriteRawValue("1.0"u8, skipInputValidation: true);
        w.WriteEndObject();
    }

    private static void WriteOwner(Utf8JsonWriter w, string api, SampleRepository r)
    {
        var userApi = api + "/users/" + r.OwnerLogin;
        Span<char> id = stackalloc char[20];
        r.OwnerId.TryFormat(id, out var idLength, provider: CultureInfo.InvariantCulture);

        w.WriteStartObject(Owner);
        w.WriteString(Login, r.OwnerLogin);
        w.WriteNumber(Id, r.OwnerId);
        w.WriteString(NodeId, r.OwnerNodeId);
        WriteConcat(w, AvatarUrl, "https://avatars.githubusercontent.com/u/", id[..idLength], "?v=4");
        w.WriteString(GravatarId, "");
        w.WriteString(Url, userApi);
        WriteConcat(w, HtmlUrl, "https://github.com/", r.OwnerLogin);
        foreach (var (name, suffix) in OwnerUrlTemplates)
        {
            WriteConcat(w, name, userApi, suffix);
        }

        w.WriteString(Type, r.OwnerType);
        w.WriteBoolean(SiteAdmin, false);
        w.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter w, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteDate(Utf8JsonWriter w, JsonEncodedText name, DateTimeOffset value)
    {
        Span<char> buffer = stackalloc char[20];
        value.UtcDateTime.TryFormat(buffer, out var written, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        w.WriteString(name, buffer[..written]);
    }

    // Concatenating on the stack avoids one string allocation per url; there are ~50 urls per item.
    private static void WriteConcat(Utf8JsonWriter w, JsonEncodedText name, ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> c = default)
    {
        var length = a.Length + b.Length + c.Length;
        if (length > 1024)
        {
            w.WriteString(name, string.Concat(a, b, c));
            return;
        }

        Span<char> buffer = stackalloc char[1024];
        a.CopyTo(buffer);
        b.CopyTo(buffer[a.Length..]);
        c.CopyTo(buffer[(a.Length + b.Length)..]);
        w.WriteString(name, buffer[..length]);
    }

    private static JsonEncodedText E(string name) => JsonEncodedText.Encode(name);
}
