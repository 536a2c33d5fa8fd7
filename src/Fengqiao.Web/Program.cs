using Fengqiao.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddFengqiaoWeb();
var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseFengqiaoWeb();
await app.RunAsync();

/// <summary>Entry point; public so WebApplicationFactory can host it in tests.</summary>
public partial class Program;
