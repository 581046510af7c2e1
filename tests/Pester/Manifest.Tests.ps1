# The module as a gallery and a user see it: the manifest in out/VideoPlatforms passes Test-ModuleManifest and tells
# the truth (licence, platforms, cmdlets), and ./build.ps1 -Task Package packs it from bash without touching the
# user's PSResourceGet configuration.

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    . "$PSScriptRoot/ChildPwsh.ps1"
    $script:Manifest = Test-ModuleManifest -Path $ModuleManifest -ErrorAction Stop
    $script:Data = Import-PowerShellDataFile -LiteralPath $ModuleManifest
    $script:Platforms = 'api.video', 'Vimeo', 'Ziggeo', 'BigGo'
    # The cmdlets the assembly defines, whatever the manifest says.
    $script:DefinedCmdlets = (Get-Module VideoPlatforms).ImplementingAssembly.GetExportedTypes() |
        ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
        ForEach-Object { "$($_.VerbName)-$($_.NounName)" } | Sort-Object
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest as built in out/VideoPlatforms' {
        $Manifest.Name | Should -Be 'VideoPlatforms'
        $Manifest.Version | Should -Be (Get-Module VideoPlatforms).Version
    }

    It 'points LicenseUri at the LICENSE file of the repository, which ships in the module' {
        $Manifest.ProjectUri.AbsoluteUri.TrimEnd('/') | Should -Be 'https://github.com/videoplatforms/VideoPlatforms'
        $Manifest.LicenseUri.AbsoluteUri | Should -Be "$($Manifest.ProjectUri.AbsoluteUri.TrimEnd('/'))/blob/main/LICENSE"
        "$RepositoryRoot/LICENSE" | Should -Exist
        Get-Content -Raw -LiteralPath "$RepositoryRoot/LICENSE" | Should -Match '^MIT License'
        $shipped = Join-Path (Split-Path $ModuleManifest) 'LICENSE'
        $shipped | Should -Exist
        (Get-FileHash $shipped).Hash | Should -Be (Get-FileHash "$RepositoryRoot/LICENSE").Hash
    }

    It 'exports exactly the cmdlets the assembly defines' {
        $DefinedCmdlets.Count | Should -BeGreaterThan 0
        ($Data.CmdletsToExport | Sort-Object) | Should -Be $DefinedCmdlets
        ((Get-Command -Module VideoPlatforms -CommandType Cmdlet).Name | Sort-Object) | Should -Be $DefinedCmdlets
    }

    It 'names the four platforms and every cmdlet in its Description and ReleaseNotes' {
        foreach ($text in $Manifest.Description, $Data.PrivateData.PSData.ReleaseNotes) {
            foreach ($platform in $Platforms) { $text | Should -Match "\b$([regex]::Escape($platform))\b" }
            foreach ($cmdlet in $DefinedCmdlets) { $text | Should -Match "\b$([regex]::Escape($cmdlet))\b" }
        }
        $Data.PrivateData.PSData.ReleaseNotes | Should -Match "^$([regex]::Escape($Manifest.Version.ToString()))\b" -Because 'the notes are for this version'
    }

    It 'tags the four platforms for the gallery search' {
        foreach ($tag in 'ApiVideo', 'Vimeo', 'Ziggeo', 'BigGo') { $Data.PrivateData.PSData.Tags | Should -Contain $tag }
    }
}

Describe 'build.ps1' {
    It 'starts with #!/usr/bin/env pwsh and is executable in git' {
        (Get-Content -LiteralPath "$RepositoryRoot/build.ps1" -TotalCount 1) | Should -Be '#!/usr/bin/env pwsh'
        $entry = git -C $RepositoryRoot ls-files --stage -- build.ps1
        $entry | Should -Match '^100755 '
    }

    It 'packs the module from bash with -Task Package, leaving the user''s PSResourceGet repositories as they were' -Skip:($IsWindows) {
        # A HOME of its own, so the PSResourceGet configuration compared is a throwaway one; a pwsh on PATH for the
        # shebang (the one running these tests, as a user's installed pwsh would be).
        $root = Join-Path ([System.IO.Path]::GetTempPath()) "vp-package-$([guid]::NewGuid().ToString('N'))"
        $home_, $bin, $out, $ownRepository = "$root/home", "$root/bin", "$root/package", "$root/own-repository"
        $null = New-Item -ItemType Directory -Path $home_, $bin, $ownRepository
        try {
            $pwsh = Get-PwshCommand
            $command = ($pwsh | ForEach-Object { "'$_'" }) -join ' '
            Set-Content -LiteralPath "$bin/pwsh" -Value "#!/bin/sh`nexec $command `"`$@`""
            & chmod +x "$bin/pwsh"
            $environment = @{ HOME = $home_; PATH = "$bin$([System.IO.Path]::PathSeparator)$env:PATH"; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null }
            $listRepositories = 'Get-PSResourceRepository | Sort-Object Name | ForEach-Object { "{0} {1} {2} {3}" -f $_.Name, $_.Uri, $_.Trusted, $_.Priority }'
            $before = Invoke-ChildPwsh -Environment $environment -Script "Register-PSResourceRepository -Name UsersOwn -Uri '$ownRepository' -Trusted; $listRepositories"
            $configuration = Get-ChildItem -LiteralPath $home_ -Recurse -Force -Filter PSResourceRepository.xml | Select-Object -First 1
            $configuration | Should -Not -BeNullOrEmpty
            $configurationHash = (Get-FileHash -LiteralPath $configuration.FullName).Hash

            $saved = @{}
            foreach ($name in $environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $environment[$name]) }
            try {
                $output = bash -c "cd '$RepositoryRoot' && ./build.ps1 -Task Package -NoBuild -PackagePath '$out'" 2>&1 | ForEach-Object { "$_" }
                $exitCode = $LASTEXITCODE
            }
            finally {
                foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            }
            $exitCode | Should -Be 0 -Because ($output -join "`n")

            $package = Join-Path $out "VideoPlatforms.$($Manifest.Version).nupkg"
            $package | Should -Exist
            Add-Type -AssemblyName System.IO.Compression.FileSystem
            $zip = [System.IO.Compression.ZipFile]::OpenRead($package)
            try { $entries = $zip.Entries.FullName } finally { $zip.Dispose() }
            foreach ($file in 'VideoPlatforms.psd1', 'VideoPlatforms.dll', 'VideoPlatforms.Format.ps1xml', 'LICENSE', 'en-US/VideoPlatforms.dll-Help.xml') {
                $entries | Should -Contain $file
            }

            $after = Invoke-ChildPwsh -Environment $environment -Script $listRepositories
            $after | Should -Be $before
            (Get-FileHash -LiteralPath $configuration.FullName).Hash | Should -Be $configurationHash
        }
        finally {
            Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
