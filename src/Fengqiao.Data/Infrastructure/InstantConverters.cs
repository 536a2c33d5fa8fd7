using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Fengqiao.Data.Infrastructure;

public sealed class InstantToUnixMillisecondsConverter()
    : ValueConverter<Instant, long>(i => i.ToUnixTimeMilliseconds(), ms => Instant.FromUnixTimeMilliseconds(ms));

public sealed class InstantToUtcDateTimeConverter()
    : ValueConverter<Instant, DateTime>(i => i.ToDateTimeUtc(), d => Instant.FromDateTimeUtc(DateTime.SpecifyKind(d, DateTimeKind.Utc)));
