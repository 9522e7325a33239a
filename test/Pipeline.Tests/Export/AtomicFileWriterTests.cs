using System.Text;
using HotRepos.Export;

namespace HotRepos.Tests.Export;

public sealed class AtomicFileWriterTests : IDisposable
{
    // A fresh folder per test: xunit creates one instance per test, and test classes run in parallel.
    private readonly string _root = Directory.CreateTempSubdirectory("hotrepos-atomic-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task WriteAsync_NewPath_CreatesFinalFileWithContent()
    {
        var path = Path.Combine(_root, "report.csv");

        await AtomicFileWriter.WriteAsync(path, WriteText("rank,full_name\r\n1,a/b\r\n"), CancellationToken.None);

        Assert.Equal("rank,full_name\r\n1,a/b\r\n", await File.ReadAllTextAsync(path, CancellationToken.None));
        Assert.Equal([path], Directory.GetFiles(_root));
    }

    [Fact]
    public async Task WriteAsync_MissingFolders_CreatesThem()
    {
        var path = Path.Combine(_root, "a", "b", "c", "report.csv");

        await AtomicFileWriter.WriteAsync(path, WriteText("content"), CancellationToken.None);

        Assert.Equal("content", await File.ReadAllTextAsync(path, CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_ExistingFile_ReplacesItsContent()
    {
        var path = Path.Combine(_root, "report.csv");
        await File.WriteAllTextAsync(path, "old content that is longer than the new one", CancellationToken.None);

        await AtomicFileWriter.WriteAsync(path, WriteText("new"), CancellationToken.None);

        Assert.Equal("new", await File.ReadAllTextAsync(path, CancellationToken.None));
        Assert.Equal([path], Directory.GetFiles(_root));
    }

    [Fact]
    public async Task WriteAsync_WhileWriting_FinalFileKeepsOldContentAndTempFileSitsInSameFolder()
    {
        var path = Path.Combine(_root, "report.csv");
        await File.WriteAllTextAsync(path, "old", CancellationToken.None);
        string? finalDuringWrite = null;
        string[] tempFilesDuringWrite = [];

        await AtomicFileWriter.WriteAsync(
            path,
            async (stream, ct) =>
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes("half a fi"), ct);
                await stream.FlushAsync(ct);
                finalDuringWrite = await File.ReadAllTextAsync(path, ct);
                tempFilesDuringWrite = Directory.GetFiles(_root, "*" + AtomicFileWriter.TempSuffix);
                await stream.WriteAsync(Encoding.UTF8.GetBytes("le"), ct);
            },
            CancellationToken.None);

        // Readers never see a half-written report: the bytes go to a temp file that is renamed at the end.
        Assert.Equal("old", finalDuringWrite);
        var temp = Assert.Single(tempFilesDuringWrite);
        Assert.StartsWith(".report.csv.", Path.GetFileName(temp), StringComparison.Ordinal);
        Assert.Equal("half a file", await File.ReadAllTextAsync(path, CancellationToken.None));
        Assert.Empty(Directory.GetFiles(_root, "*" + AtomicFileWriter.TempSuffix));
    }

    [Fact]
    public async Task WriteAsync_DelegateThrows_RethrowsAndLeavesNoFile()
    {
        var path = Path.Combine(_root, "report.csv");
        var failure = new InvalidOperationException("GitHub page 3 failed");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(
            () => AtomicFileWriter.WriteAsync(path, ThrowAfterWriting(failure), CancellationToken.None));

        Assert.Same(failure, thrown);
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public async Task WriteAsync_DelegateThrows_LeavesOlderFinalFileUntouched()
    {
        var path = Path.Combine(_root, "report.csv");
        await File.WriteAllTextAsync(path, "older report", CancellationToken.None);
        var lastWrite = File.GetLastWriteTimeUtc(path);

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => AtomicFileWriter.WriteAsync(path, ThrowAfterWriting(new InvalidOperationException("boom")), CancellationToken.None));

        Assert.Equal("older report", await File.ReadAllTextAsync(path, CancellationToken.None));
        Assert.Equal(lastWrite, File.GetLastWriteTimeUtc(path));
        Assert.Equal([path], Directory.GetFiles(_root));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WriteAsync_TokenCancelledDuringWrite_LeavesNoNewOrTempFile(bool olderFileExists)
    {
        var path = Path.Combine(_root, "report.csv");
        if (olderFileExists)
        {
            await File.WriteAllTextAsync(path, "older report", CancellationToken.None);
        }

        using var cts = new CancellationTokenSource();

        // The delegate finishes its bytes without looking at the token: the writer itself must notice.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFileWriter.WriteAsync(
            path,
            async (stream, _) =>
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes("new report"), CancellationToken.None);
                await cts.CancelAsync();
            },
            cts.Token));

        Assert.Empty(Directory.GetFiles(_root, "*" + AtomicFileWriter.TempSuffix));
        if (olderFileExists)
        {
            Assert.Equal("older report", await File.ReadAllTextAsync(path, CancellationToken.None));
            Assert.Equal([path], Directory.GetFiles(_root));
        }
        else
        {
            Assert.Empty(Directory.GetFileSystemEntries(_root));
        }
    }

    [Fact]
    public async Task WriteAsync_TokenAlreadyCancelled_LeavesOlderFinalFileAndNoTempFile()
    {
        var path = Path.Combine(_root, "report.csv");
        await File.WriteAllTextAsync(path, "older report", CancellationToken.None);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => AtomicFileWriter.WriteAsync(path, async (stream, ct) => await stream.WriteAsync(Encoding.UTF8.GetBytes("new"), ct), cts.Token));

        Assert.Equal("older report", await File.ReadAllTextAsync(path, CancellationToken.None));
        Assert.Equal([path], Directory.GetFiles(_root));
    }

    [Fact]
    public async Task WriteAsync_FinalNameTakenByFolder_ThrowsAndLeavesNoTempFile()
    {
        var path = Path.Combine(_root, "report.csv");
        Directory.CreateDirectory(path);

        var thrown = await Record.ExceptionAsync(() => AtomicFileWriter.WriteAsync(path, WriteText("content"), CancellationToken.None));

        Assert.True(thrown is IOException or UnauthorizedAccessException, $"Unexpected exception: {thrown}");
        Assert.Empty(Directory.GetFiles(_root));
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public async Task WriteAsync_TwoWritesToSamePath_LastOneWins()
    {
        var path = Path.Combine(_root, "report.csv");

        await AtomicFileWriter.WriteAsync(path, WriteText("first"), CancellationToken.None);
        await AtomicFileWriter.WriteAsync(path, WriteText("second"), CancellationToken.None);

        Assert.Equal("second", await File.ReadAllTextAsync(path, CancellationToken.None));
        Assert.Equal([path], Directory.GetFiles(_root));
    }

    private static Func<Stream, CancellationToken, Task> WriteText(string text) =>
        async (stream, ct) => await stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct);

    private static Func<Stream, CancellationToken, Task> ThrowAfterWriting(Exception failure) =>
        async (stream, ct) =>
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes("partial"), ct);
            throw failure;
        };
}
