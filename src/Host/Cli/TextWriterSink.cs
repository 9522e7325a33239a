using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace HotRepos.App.Cli;

/// <summary>Writes log events to a <see cref="TextWriter"/>: the in-process command line's stderr in tests.</summary>
internal sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
