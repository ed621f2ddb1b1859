using Bot.Core.Commands;
using Bot.Core.Messaging;
using Bot.Core.Replies;

namespace Bot.Host.Cli;

/// <summary>A REPL over the same router Teams uses, printing replies as text: try the bot without Teams.</summary>
internal static class ConsoleChat
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
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
                return 0;
            }

            var reply = await router.HandleAsync(new IncomingMessage(conversation, caller, line), CancellationToken.None);
            Console.WriteLine();
            Console.WriteLine(ReplyText.Render(reply));
        }
    }
}
