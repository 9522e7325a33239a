namespace HotRepos.App.Api;

internal sealed record RequestResponse(
    string? Period,
    DateOnly Since,
    DateOnly? Date,
    int Top,
    string GroupBy,
    string Layout,
    string? Language,
    string? Topic,
    int? MinStars);
