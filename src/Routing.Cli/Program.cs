return await Routing.Cli.RoutingCommandLine.RunAsync(args);
