FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
RUN dotnet publish -c Release -o /out

FROM mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled
COPY --from=build /out /app
ENTRYPOINT ["dotnet", "/app/App.dll"]
