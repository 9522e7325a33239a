using System.ComponentModel.DataAnnotations;

namespace HotRepos.Reports;

/// <summary>Where and how reports are written (configuration section <c>HotRepos:Reports</c>).</summary>
public sealed class ReportsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "HotRepos:Reports";

    /// <summary>Gets or sets the folder CSV files are written to, created when missing; relative paths start at the working directory.</summary>
    /// <value>The default value is <c>reports</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string OutputDirectory { get; set; } = "reports";
}
