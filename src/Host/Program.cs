using SkillMatrix.BuildingBlocks.Schema;
using SkillMatrix.Catalog;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSkillMatrixGraphQL();
builder.Services.AddCatalogModule(builder.Configuration);
var app = builder.Build();
app.Run();

public partial class Program;
