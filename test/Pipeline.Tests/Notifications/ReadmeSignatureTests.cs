using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using HotRepos.Jobs;
using HotRepos.Notifications;
using HotRepos.Tests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace HotRepos.Tests.Notifications;

/// <summary>The README's two ways to verify a webhook signature (C# and shell) accept a real delivery and refuse a tampered one.</summary>
public sealed class ReadmeSignatureTests : IAsyncLifetime
{
    private const string SecretValue = "readme-example-secret";
    private const string Section = "### Verifying the signature";
    private readonly string _directory = Directory.CreateTempSubdirectory("hotrepos-signature-").FullName;
    private ReceivedWebhook _received = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var receiver = await WebhookReceiver.StartAsync(200, timeout.Token);
        await using var host = await NotificationTestHost.StartAsync(
            o => o.Webhooks["ops"] = new WebhookOptions { Url = receiver.Url.ToString(), Secret = SecretValue, Origins = [NotificationOrigin.Api] },
            timeout.Token);
        var job = await host.RunJobAsync(JobOrigins.Api, timeout.Token);
        await host.WaitForDeliveriesAsync(job.Id, 1, timeout.Token);
        _received = Assert.Single(receiver.Received);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void CSharpSnippet_RealDelivery_IsValidUnlessTampered(bool tamper, bool shouldBeValid)
    {
        var body = tamper ? Tampered(_received.Body) : _received.Body;
        var secret = SecretValue;
        var request = new DefaultHttpContext().Request;
        request.Headers[WebhookSignature.HeaderName] = _received.Header(WebhookSignature.HeaderName);

        // begin-snippet: verify-signature
        // body: the request's exact bytes; secret: the webhook's Secret
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        var valid = CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(request.Headers["X-HotRepos-Signature-256"].ToString()));
        // end-snippet

        Assert.Equal(shouldBeValid, valid);
    }

    [Theory]
    [InlineData(false, "valid")]
    [InlineData(true, "invalid")]
    public async Task ShellSnippet_RealDelivery_IsValidUnlessTampered(bool tamper, string expected)
    {
        await File.WriteAllBytesAsync(Path.Combine(_directory, "body.json"), tamper ? Tampered(_received.Body) : _received.Body);
        var start = new ProcessStartInfo("bash", ["-c", Snippets.FromReadme(Section, "```sh\n")])
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["HOTREPOS_WEBHOOK_SECRET"] = SecretValue;
        start.Environment["SIGNATURE"] = _received.Header(WebhookSignature.HeaderName);

        using var shell = Process.Start(start)!;
        var output = await shell.StandardOutput.ReadToEndAsync();
        var errors = await shell.StandardError.ReadToEndAsync();
        await shell.WaitForExitAsync();

        Assert.True(errors.Length == 0, errors);
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public void CSharpSnippet_IsTheCodeShownInTheReadme()
    {
        var snippet = Snippets.FromTest(Path.Combine("test", "Pipeline.Tests", "Notifications", "ReadmeSignatureTests.cs"), "verify-signature");

        Assert.Equal(snippet, Snippets.FromReadme(Section, "```csharp\n"));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private static byte[] Tampered(byte[] body) => [.. body[..^1], (byte)' ', body[^1]];
}
