using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotRepos.App.Tests.Api;
using HotRepos.App.Tests.TestSupport;
using HotRepos.GitHubEmulator;
using HotRepos.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace HotRepos.App.Tests.Serve;

/// <summary>The web page in headless Chromium against a real <c>hotrepos serve</c>, as a person would use it.</summary>
public sealed class WebPageTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hotrepos-page-").FullName;

    [ChromiumFact]
    public async Task Page_GenerateReport_ShowsProgressThenDownloadsTheCsv()
    {
        await using var emulator = await GitHubEmulatorServer.StartAsync(
            EmulatorOptions.Unthrottled() with { Faults = new FaultOptions { Latency = TimeSpan.FromMilliseconds(150) } },
            CancellationToken.None);
        await using var serve = await StartServeAsync(emulator);
        await using var chromium = await ChromiumPage.OpenAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1100, Height = 1000 } });
        var page = chromium.Page;

        await page.GotoAsync(serve.BaseUrl.ToString());
        await page.SelectOptionAsync("select[name=period]", "week");
        await page.FillAsync("input[name=top]", "250");
        await page.SelectOptionAsync("select[name=layout]", "ranked");
        await page.ClickAsync("text=Generate report");
        var download = page.Locator("#download");
        await download.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 60_000 });
        var file = await page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        var saved = Path.Combine(_root, file.SuggestedFilename);
        await file.SaveAsAsync(saved);
        await page.Locator("#chart rect").First.WaitForAsync();
        await ScreenshotAsync(page, null, "report-page.png", forDocs: false);

        Assert.Equal("Succeeded", await page.TextContentAsync("#job-state"));
        Assert.Equal("3", await page.GetAttributeAsync("#job-progress", "max"));
        Assert.Equal("3", await page.GetAttributeAsync("#job-progress", "value"));
        Assert.Matches(@"^github-hot-repos-week-\d{4}-\d{2}-\d{2}-ranked-top250\.csv$", file.SuggestedFilename);
        var rows = CsvRows.ReadFile(saved);
        var since = emulator.Today.AddDays(-7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(emulator.ExpectedRanking($"created:>={since}", 250), rows.Skip(1).Select(r => r[1]));
        Assert.True(await page.Locator("#chart rect").CountAsync() > 1, "the chart shows the largest groups");
        Assert.Contains("Succeeded", await page.TextContentAsync("#recent tbody"), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Page_KeyRequiredForReads_AsksForTheKeyThenFollowsAndDownloadsTheReport()
    {
        await using var emulator = await GitHubEmulatorServer.StartAsync(EmulatorOptions.Unthrottled(), CancellationToken.None);
        await using var serve = await StartServeAsync(emulator, ("HOTREPOS__API__KEY", "s3cret"), ("HOTREPOS__API__REQUIREKEYFORREADS", "true"));
        await using var chromium = await ChromiumPage.OpenAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var page = chromium.Page;

        await page.GotoAsync(serve.BaseUrl.ToString());
        await page.Locator("#api-key-field").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 30_000 });
        await page.FillAsync("input[name=apiKey]", "s3cret");
        await page.FillAsync("input[name=top]", "120");
        await page.ClickAsync("text=Generate report");
        var download = page.Locator("#download");
        await download.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 60_000 });
        var file = await page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        var saved = Path.Combine(_root, file.SuggestedFilename);
        await file.SaveAsAsync(saved);

        Assert.Equal("Succeeded", await page.TextContentAsync("#job-state"));
        Assert.Matches(@"^github-hot-repos-week-\d{4}-\d{2}-\d{2}-top120\.csv$", file.SuggestedFilename);
        var rows = CsvRows.ReadFile(saved);
        Assert.Equal(["group", "rank_in_group", "rank", "full_name"], rows[0][..4]);
        Assert.Equal(["stars_gained", "stars_per_day"], rows[0][^2..]); // the service measures star movement
        Assert.Equal(120, rows.Count - 1);
    }

    // Two runs of one report a (fake) day apart, with some repositories gaining stars in between: the second opens as a
    // table that sorts, filters by a bar of the chart and searches, and Rising lists the gainers, most per day first.
    [ChromiumFact]
    public async Task Page_TwoRunsADayApart_TableSortsFiltersByChartAndSearchesAndRisingShowsTheGainers()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero));
        await using var app = await HotReposApplication.StartAsync(timeProvider: clock);
        using var client = app.CreateClient();
        var body = new { period = "week", top = 150, groupBy = "language", layout = "ranked", date = "2026-11-20", force = true };
        var first = await client.WaitForStateAsync((await (await client.PostReportAsync(body)).ReadJsonAsync()).Id(), "Succeeded");
        var before = await RepositoriesAsync(client, first.Id());

        // Repositories created in the last three days gain stars, the better ranked the more; the others gain none.
        var gains = before.Where(r => string.CompareOrdinal((string)r["createdAt"]!, "2026-11-17") >= 0)
            .ToDictionary(r => (string)r["fullName"]!, r => 400 - (2 * (int)r["rank"]!), StringComparer.Ordinal);
        Assert.True(gains.Count >= 25, $"the catalog should have at least 25 repositories of the last three days in the top 150, has {gains.Count}");
        app.Emulator.UpdateCatalog(catalog => [.. catalog.Select(r => gains.TryGetValue(r.FullName, out var gain) ? r with { Stargazers = r.Stargazers + gain } : r)]);
        clock.Advance(TimeSpan.FromDays(1));
        var second = await client.WaitForStateAsync((await (await client.PostReportAsync(body)).ReadJsonAsync()).Id(), "Succeeded");
        var after = await RepositoriesAsync(client, second.Id());

        await using var chromium = await ChromiumPage.OpenAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 1000 }, TimezoneId = "UTC" });
        var page = chromium.Page;
        await page.GotoAsync(app.Address.ToString());

        // "View" on the newest report opens it and puts its settings back into the form.
        await page.Locator("#recent tbody tr").First.GetByRole(AriaRole.Button, new() { Name = "View" }).ClickAsync();
        await WaitUntilAsync(page, "document.querySelectorAll('#repos tbody tr').length === 25 && document.querySelectorAll('#repos .sparkline').length === 25");
        Assert.Equal("150", await page.InputValueAsync("input[name=top]"));
        Assert.Equal("ranked", await page.InputValueAsync("select[name=layout]"));
        Assert.Equal("2026-11-20", await page.InputValueAsync("input[name=date]"));
        Assert.Equal(["1", "2", "3"], (await ColumnAsync(page, "#repos", 1)).Take(3));
        Assert.Equal($"1–25 of {after.Count}", await page.TextContentAsync("#page-info"));

        await page.ClickAsync("#repos th button[data-sort=stars]");
        await WaitUntilAsync(page, "document.querySelector('#repos th button[data-sort=stars]').parentElement.getAttribute('aria-sort') === 'descending'");
        var stars = (await ColumnAsync(page, "#repos", 4)).Select(ParseNumber).ToList();
        Assert.Equal(after.Select(r => (int)r["stars"]!).OrderDescending().Take(25), stars);

        var chartGroup = page.Locator("#chart .group-row:not([data-group=unknown])").First;
        var group = (await chartGroup.GetAttributeAsync("data-group"))!;
        var inGroup = after.Where(r => string.Equals((string?)r["language"], group, StringComparison.OrdinalIgnoreCase)).ToList();
        await chartGroup.ClickAsync();
        await WaitUntilAsync(page, $"document.querySelector('#page-info').textContent.endsWith(' of {inGroup.Count}')");
        Assert.Equal(group, await page.InputValueAsync("#repo-group"));
        Assert.All(await ColumnAsync(page, "#repos", 6), language => Assert.Equal(group, language, ignoreCase: true));
        Assert.Equal(inGroup.Select(r => (int)r["stars"]!).OrderDescending().Take(25), (await ColumnAsync(page, "#repos", 4)).Select(ParseNumber));

        var term = ((string)inGroup[^1]["fullName"]!).Split('/')[1];
        var found = inGroup.Where(r => Mentions(r, term)).Select(r => (string)r["fullName"]!).Order(StringComparer.Ordinal).ToList();
        await page.FillAsync("#repo-search", term);
        await WaitUntilAsync(page, $"document.querySelector('#page-info').textContent.endsWith(' of {found.Count}')");
        Assert.Equal(found, (await ColumnAsync(page, "#repos", 2)).Order(StringComparer.Ordinal));
        Assert.All(await page.Locator("#repos tbody a").AllAsync(), async link => Assert.StartsWith("https://", await link.GetAttributeAsync("href"), StringComparison.Ordinal));
        await page.FillAsync("#repo-search", "");
        await WaitUntilAsync(page, $"document.querySelector('#page-info').textContent.endsWith(' of {inGroup.Count}')");
        await ScreenshotAsync(page, page.Locator("#current"), "report-table.png");

        await page.ClickAsync("#show-rising");
        await WaitUntilAsync(page, "document.querySelectorAll('#rising tbody tr').length === 25");
        var rising = gains.OrderByDescending(g => g.Value).Take(25).ToList();
        Assert.Equal(rising.Select(g => g.Key), await ColumnAsync(page, "#rising", 2));
        Assert.Equal(rising.Select(g => string.Create(CultureInfo.InvariantCulture, $"+{g.Value:N0}")), (await ColumnAsync(page, "#rising", 5)).Select(text => text.Trim()));
        Assert.Equal(rising.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Value:0.0}")), await ColumnAsync(page, "#rising", 6));
        await ScreenshotAsync(page, page.Locator("#rising-view"), "rising.png");

        // A phone: nothing scrolls sideways but the tables inside their own box, and the chart's labels keep their size.
        await page.SetViewportSizeAsync(390, 844);
        await WaitUntilAsync(page, "document.documentElement.scrollWidth <= document.documentElement.clientWidth");
        await page.ClickAsync("#show-reports");
        await WaitUntilAsync(page, "(() => { const svg = document.querySelector('#chart'); return Math.abs(svg.getBoundingClientRect().width - svg.viewBox.baseVal.width) < 1; })()");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "the report view scrolls sideways at 390 px");
        var labelHeight = await page.EvaluateAsync<double>("document.querySelector('#chart .group-row text').getBoundingClientRect().height");
        Assert.True(labelHeight >= 12, $"the chart's labels are {labelHeight:0.#} px high at 390 px");
        await ScreenshotAsync(page, null, "report-phone.png", forDocs: false);
    }

    // A job whose pages wait for GitHub's quota says until when, in the browser's time zone, and Cancel stops it. The
    // report is asked for with the since and date fields of the form.
    [ChromiumFact]
    public async Task Page_JobHeldForTheRateLimit_SaysUntilWhenInLocalTimeAndCancelStopsIt()
    {
        var quota = new QuotaAhead(Limit: 1);
        await using var app = await HotReposApplication.StartAsync(quota.Apply);
        using var client = app.CreateClient();
        await client.WaitForStateAsync((await (await client.PostReportAsync(new { top = 100, date = "2026-11-20" })).ReadJsonAsync()).Id(), "Succeeded");
        await using var chromium = await ChromiumPage.OpenAsync(new BrowserNewContextOptions { TimezoneId = "America/New_York" });
        var page = chromium.Page;

        await page.GotoAsync(app.Address.ToString());
        await page.FillAsync("input[name=since]", "2026-11-14");
        await page.FillAsync("input[name=date]", "2026-11-20");
        await page.FillAsync("input[name=top]", "200");
        await page.ClickAsync("text=Generate report");
        var wait = page.Locator("#job-wait");
        await wait.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 30_000 });

        var local = TimeZoneInfo.ConvertTime(quota.ResetPlusSkew, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Equal($"waiting for GitHub's rate limit until {local:HH:mm:ss}", await wait.TextContentAsync());
        Assert.Equal("Running", await page.TextContentAsync("#job-state"));
        var id = (await client.GetFromJsonAsync<JsonArray>("/api/reports?state=Running"))!.Single()!["id"]!.ToString();
        var request = (await client.GetJobAsync(id))["request"]!;
        Assert.Equal(("2026-11-14", "2026-11-20", (string?)null), ((string?)request["since"], (string?)request["date"], (string?)request["period"]));

        await page.ClickAsync("#cancel");
        await WaitUntilAsync(page, "document.querySelector('#job-state').textContent === 'Cancelled'");
        Assert.True(await wait.IsHiddenAsync());
        Assert.True(await page.Locator("#cancel").IsHiddenAsync());
        Assert.Equal("Cancelled", (await client.GetJobAsync(id)).State());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task<List<JsonNode>> RepositoriesAsync(HttpClient client, string id) =>
        [.. (await client.GetFromJsonAsync<JsonObject>($"/api/reports/{id}/repositories?limit=200"))!["items"]!.AsArray().Select(item => item!)];

    /// <summary>Whether the search box's rule (name, description or a topic contains the term, any case) finds it.</summary>
    private static bool Mentions(JsonNode repository, string term) =>
        ((string)repository["fullName"]!).Contains(term, StringComparison.OrdinalIgnoreCase)
        || ((string?)repository["description"])?.Contains(term, StringComparison.OrdinalIgnoreCase) == true
        || repository["topics"]!.AsArray().Any(t => ((string)t!).Contains(term, StringComparison.OrdinalIgnoreCase));

    private static async Task<IReadOnlyList<string>> ColumnAsync(IPage page, string table, int column) =>
        await page.EvalOnSelectorAllAsync<string[]>($"{table} tbody tr td:nth-child({column})", "cells => cells.map(c => c.textContent)");

    private static int ParseNumber(string text) => int.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static Task<IJSHandle> WaitUntilAsync(IPage page, string condition) =>
        page.WaitForFunctionAsync(condition, null, new PageWaitForFunctionOptions { Timeout = 30_000 });

    /// <summary>
    /// Saves a screenshot of an element (with a margin) or of the whole page under the test output's artifacts; with
    /// HOTREPOS_DOCS_SCREENSHOTS=1 also into the repository's docs/ folder, where the README shows it.
    /// </summary>
    private async Task ScreenshotAsync(IPage page, ILocator? element, string name, bool forDocs = true)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "artifacts", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new PageScreenshotOptions { Path = path, FullPage = true };
        if (element is not null && await element.BoundingBoxAsync() is { } box)
        {
            // The box is measured from the viewport, a full-page clip from the top of the page.
            const float margin = 16;
            var scrolled = await page.EvaluateAsync<float>("window.scrollY");
            options.Clip = new Clip { X = Math.Max(0, box.X - margin), Y = Math.Max(0, box.Y + scrolled - margin), Width = box.Width + (2 * margin), Height = box.Height + (2 * margin) };
        }

        var bytes = await page.ScreenshotAsync(options);
        output.WriteLine($"screenshot: {path}");
        if (forDocs && Environment.GetEnvironmentVariable("HOTREPOS_DOCS_SCREENSHOTS") == "1")
        {
            var docs = Path.Combine(RepositoryRoot(), "docs", name);
            Directory.CreateDirectory(Path.GetDirectoryName(docs)!);
            await File.WriteAllBytesAsync(docs, bytes);
            output.WriteLine($"screenshot: {docs}");
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HotRepos.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("HotRepos.sln not found above the test output");
    }

    /// <summary>A real <c>serve</c> process on the emulator, with its data and reports in this test's folder and no schedules.</summary>
    private Task<ServeProcess> StartServeAsync(GitHubEmulatorServer emulator, params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
                ["HOTREPOS__GITHUB__BASEURL"] = emulator.BaseUrl.ToString(),
                ["HOTREPOS__JOBS__DATADIRECTORY"] = Path.Combine(_root, "data"),
                ["HOTREPOS__REPORTS__OUTPUTDIRECTORY"] = Path.Combine(_root, "reports"),
                ["HOTREPOS__SCHEDULES__NIGHTLY__ENABLED"] = "false",
                ["HOTREPOS__SCHEDULES__WEEKLY__ENABLED"] = "false",
        };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return ServeProcess.StartAsync(_root, environment);
    }

    /// <summary>One page in Debian's Chromium, headless, with the flags this machine's closed network needs; disposing closes it all.</summary>
    private sealed class ChromiumPage(IPlaywright playwright, IBrowser browser, IPage page) : IAsyncDisposable
    {
        public IPage Page { get; } = page;

        public static async Task<ChromiumPage> OpenAsync(BrowserNewContextOptions options)
        {
            var playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumFactAttribute.ExecutablePath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
            });
            var context = await browser.NewContextAsync(options);
            return new ChromiumPage(playwright, browser, await context.NewPageAsync());
        }

        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
