using Bot.Core.Commands;
using Bot.Core.Messaging;
using Bot.Core.Replies;

namespace Bot.Host.Cli;

/// <summary>A REPL over the same router Teams uses, printing replies as text: try the bot without Teams.</summary>
internal static class ConsoleChat
{
    public static bool IsChat(string[] args) => args.Length > 0 && string.Equals(args[0], "chat", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The REPL runs the same background services as the server (schedules, the outbox worker), so a console
    /// `subscribe brief` really arrives here; it listens on a throwaway loopback port so it can run beside the bot,
    /// and its outbox worker delivers only console messages (Teams ones are the server's).
    /// </summary>
    public static void Configure(WebApplicationBuilder builder)
    {
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Schedule:Outbox:ConsoleOnly"] = "true";
        // Through configuration, not SetMinimumLevel: appsettings.json's Logging:LogLevel:Default would win over that and
        // interleave info lines with the conversation.
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await app.StartAsync();
        var router = app.Services.GetRequiredService<CommandRouter>();
        var user = app.Configuration["Console:UserId"] ?? "console-user";
        var conversation = new ConversationKey("console", "console", "personal");
        var caller = new Caller(user, app.Configuration["Console:UserName"] ?? "Console user", user);
        Console.OutputEncoding = System.Text.Encoding.UTF8;

        Console.WriteLine(ReplyText.Render(router.Welcome()));
        while (true)
        {
            Console.Write("\n> ");
            var line = Console.ReadLine();
            if (line is null || line.Trim() is "exit" or "quit" or "退出")
            {
                await app.StopAsync();
                return 0;
            }

            var reply = await router.HandleAsync(new IncomingMessage(conversation, caller, line), CancellationToken.None);
            Console.WriteLine();
            Console.WriteLine(ReplyText.Render(reply));
        }
    }
}
