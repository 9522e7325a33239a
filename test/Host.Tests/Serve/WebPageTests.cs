using HotRepos.GitHubEmulator;
using HotRepos.Tests.TestSupport;
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
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchChromiumAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1100, Height = 1000 } });
        var page = await context.NewPageAsync();

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
        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "report-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");

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
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchChromiumAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var page = await context.NewPageAsync();

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

    public void Dispose() => Directory.Delete(_root, recursive: true);

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

    /// <summary>Debian's Chromium, headless, with the flags this machine's closed network needs.</summary>
    private static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumFactAttribute.ExecutablePath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });
}
