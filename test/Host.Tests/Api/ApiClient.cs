using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HotRepos.App.Tests.Api;

/// <summary>Small helpers over <see cref="HttpClient"/> for the reports API.</summary>
internal static class ApiClient
{
    public static readonly DateOnly Today = HotReposApplication.Today;

    public static async Task<HttpResponseMessage> PostReportAsync(this HttpClient client, object body) =>
        await client.PostAsJsonAsync("/api/reports", body);

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject)
        ?? throw new InvalidOperationException("The response is not a JSON object.");

    /// <summary>Polls a job until <paramref name="until"/> holds, for at most 30 s.</summary>
    public static async Task<JsonObject> WaitForJobAsync(this HttpClient client, string id, Func<JsonObject, bool> until)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var job = await (await client.GetAsync($"/api/reports/{id}", deadline.Token)).ReadJsonAsync();
            if (until(job))
            {
                return job;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, deadline.Token);
        }
    }

    public static async Task<JsonObject> GetJobAsync(this HttpClient client, string id) =>
        await (await client.GetAsync($"/api/reports/{id}")).ReadJsonAsync();

    public static Task<JsonObject> WaitForStateAsync(this HttpClient client, string id, params string[] states) =>
        client.WaitForJobAsync(id, job => states.Contains((string?)job["state"]));

    public static string State(this JsonObject job) => (string)job["state"]!;

    public static string Id(this JsonObject job) => (string)job["id"]!;

    public static string[] ErrorFields(this JsonObject problem) =>
        problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal).ToArray();

    public static string Errors(this JsonObject problem) => problem["errors"]!.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
