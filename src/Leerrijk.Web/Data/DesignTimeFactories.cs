using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Leerrijk.Web.Data;

// `dotnet ef migrations add` uses these, so each provider's migrations can be made without configuring the app for it.

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLeerrijkDbContext>
{
    public SqliteLeerrijkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLeerrijkDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLeerrijkDbContext>
{
    public PostgresLeerrijkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLeerrijkDbContext>().UseNpgsql("Host=localhost;Database=leerrijk_design").Options);
}
