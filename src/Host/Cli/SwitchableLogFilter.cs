using Serilog.Core;
using Serilog.Events;

namespace HotRepos.App.Cli;

/// <summary>A Serilog filter that lets every event through until it is switched off.</summary>
internal sealed class SwitchableLogFilter : ILogEventFilter
{
    private volatile bool _enabled = true;

    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    public bool IsEnabled(LogEvent logEvent) => _enabled;
}
