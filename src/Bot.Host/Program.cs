using Bot.Channel;
using Bot.Channel.Endpoint;
using Bot.Core.Commands;
using Bot.Host;
using Bot.Host.Cli;
using Bot.Host.Ingest;
using Bot.Host.Jobs;
using Bot.Host.Plans;
using Bot.Storage;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The root appsettings.json is linked into the output; without this it would be looked for in the working folder.
    ContentRootPath = AppContext.BaseDirectory,
});

if (ConsoleChat.IsChat(args))
{
    ConsoleChat.Configure(builder);
}

builder.Services.AddBotOptions();
builder.Services.AddCore();
builder.Services.AddStorage();
builder.Services.AddIngest();
builder.Services.AddChannel(builder.Configuration);
builder.Services.AddJobs(builder.Configuration);
builder.Services.AddAlerts(builder.Configuration);
builder.Services.AddPlans(builder.Configuration);
builder.Services.AddHealthChecks();

var app = builder.Build();

// Schema migrations always; demo data into an empty database unless the verb handles data itself.
await app.Services.InitializeStorageAsync(allowDemoSeed: !DataCommands.IsDataVerb(args));

if (CliCommands.IsCli(args))
{
    return await CliCommands.RunAsync(app, args);
}

app.WarnWhenAuthIsOff();
app.MapMessages();
app.MapIngest();
app.MapHealthChecks("/healthz");
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
