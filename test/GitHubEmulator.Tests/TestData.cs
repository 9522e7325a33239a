using System.Text.Json;

namespace HotRepos.GitHubEmulator.Tests;

internal static class TestData
{
    public static readonly DateOnly Today = new(2026, 11, 27);

    public static HttpClient Client(Uri baseUrl, string? token = null)
    {
        var client = new HttpClient { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("HotRepos.Tests/1.0");
        client.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.github+json");
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static string Search(string q, int perPage = 100, int page = 1, string sort = "stars", string order = "desc")
        => $"search/repositories?q={Uri.EscapeDataString(q)}&sort={sort}&order={order}&per_page={perPage}&page={page}";

    public static async Task<JsonDocument> JsonAsync(HttpResponseMessage response)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        return await JsonDocument.ParseAsync(stream);
    }

    public static List<string> FullNames(JsonDocument document)
        => [.. document.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("full_name").GetString()!)];

    public static string Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
