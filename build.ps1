#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests or packages VideoPlatforms: each task is a thin call of the same dotnet commands the README gives.
.EXAMPLE
    ./build.ps1                 # build: assembles out/VideoPlatforms, ready for Import-Module
.EXAMPLE
    ./build.ps1 -Task Test      # the full test suite (hosted PowerShell engine + Sandbox)
.EXAMPLE
    ./build.ps1 -Task Package   # a Release build, packed as out/package/VideoPlatforms.<version>.nupkg
.NOTES
    From bash it runs as ./build.ps1 with pwsh on PATH; with only the .NET SDK, through the repository's local tool:
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    # Package: pack out/VideoPlatforms as it is, without building it first.
    [switch] $NoBuild,

    # Package: the folder the .nupkg is written to.
    [string] $PackagePath = (Join-Path $PSScriptRoot 'out/package')
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-DotNet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    Write-Verbose "dotnet $Arguments"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

switch ($Task) {
    'Build' {
        Invoke-DotNet build --configuration $Configuration
        Write-Host "Module assembled in $(Join-Path $PSScriptRoot 'out/VideoPlatforms')"
    }
    'Test' {
        Invoke-DotNet test --configuration $Configuration
    }
    'Package' {
        if (-not $NoBuild) { Invoke-DotNet build --configuration Release }
        $module = Join-Path $PSScriptRoot 'out/VideoPlatforms'
        $package = [System.IO.Path]::GetFullPath($PackagePath)
        # Compress-PSResource packs the module folder into the .nupkg a gallery accepts, checking the manifest on the
        # way. Unlike Publish-PSResource it needs no repository, so the user's PSResourceGet configuration (registered
        # repositories, trust) is neither read for this nor changed. PSResourceGet 1.1 has it; pwsh 7.6 ships 1.2.
        if (-not (Get-Command Compress-PSResource -ErrorAction Ignore)) {
            throw "Packaging needs Compress-PSResource (Microsoft.PowerShell.PSResourceGet 1.1 or later, shipped with pwsh 7.6). Run it with the repository's pwsh: dotnet tool restore; dotnet pwsh ./build.ps1 -Task Package"
        }
        New-Item -ItemType Directory -Force -Path $package | Out-Null
        $manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $module 'VideoPlatforms.psd1')
        Remove-Item -LiteralPath (Join-Path $package "VideoPlatforms.$($manifest.ModuleVersion).nupkg") -ErrorAction Ignore
        $nupkg = Compress-PSResource -Path $module -DestinationPath $package -PassThru
        Write-Host "Package: $($nupkg.FullName)"
    }
}
