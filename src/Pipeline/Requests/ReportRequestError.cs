namespace HotRepos.Requests;

/// <summary>One invalid field of a report request.</summary>
/// <param name="Field">The field's name as users write it (<c>top</c>, <c>period</c>, ...).</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record ReportRequestError(string Field, string Message);
