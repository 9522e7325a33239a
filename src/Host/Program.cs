using HotRepos.App.Cli;

// The hotrepos executable, two verbs:
//   report  one report, now (Cli/ReportCommand)
//   serve   HTTP API, web page, job worker and scheduler until Ctrl+C (Cli/ServeCommand → Web/ServeApp, Api/)
StartupTrace.Mark("main");
return await new HotReposCli(Console.Out, Console.Error) { UseConsoleLogging = true }.RunAsync(args);
