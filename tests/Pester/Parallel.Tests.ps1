# ForEach-Object -Parallel as a person writes it: each runspace connects for itself (connections live per runspace),
# or the parent's connection is handed in with $using:.

Describe 'ForEach-Object -Parallel' {
    BeforeAll {
        . "$PSScriptRoot/Common.ps1"
        Reset-Sandbox
        $files = foreach ($i in 1..6) { New-TestVideoFile -Path (Join-Path $TestDrive "par $i.mp4") -Size (30KB + $i) -Seed (300 + $i) }
    }

    It 'each runspace connects to its own platform and uploads there, seeing only its own connection' {
        $common = "$PSScriptRoot/Common.ps1"
        $file = $files[0].FullName
        $results = 'ApiVideo', 'Vimeo', 'Ziggeo', 'BigGo' | ForEach-Object -ThrottleLimit 4 -UseNewRunspace -Parallel {
            . $using:common
            Connect-SandboxPlatform $_
            $video = Send-Video -LiteralPath $using:file -Title "parallel-$_"
            [pscustomobject]@{ Platform = $_; Provider = $video.Provider; Id = $video.Id; Connections = @(Get-VideoProvider).Name -join ',' }
        }
        $results.Count | Should -Be 4
        foreach ($result in $results) {
            $result.Provider | Should -Be $result.Platform
            $result.Connections | Should -Be $result.Platform
            (Get-SandboxVideo $result.Platform $result.Id).sha256 | Should -Be (Get-Sha256 $file)
        }
    }

    It 'one connection handed in with $using: uploads every file into the same account' {
        $connection = Connect-SandboxPlatform ApiVideo -PassThru
        $manifest = $ModuleManifest
        $videos = @($files.FullName | ForEach-Object -ThrottleLimit 3 -Parallel {
                Import-Module $using:manifest
                Send-Video -LiteralPath $_ -Connection $using:connection
            })
        $videos.Count | Should -Be 6
        ($videos.Path | Sort-Object) | Should -Be ($files.FullName | Sort-Object)
        foreach ($video in $videos) { (Get-SandboxVideo ApiVideo $video.Id).sha256 | Should -Be (Get-Sha256 $video.Path) }
    }

    It 'a runspace that has not connected is told to connect, by name' {
        $manifest = $ModuleManifest
        $failed = 1 | ForEach-Object -Parallel {
            Import-Module $using:manifest
            try { Get-Video -ErrorAction Stop; 'no error' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
        }
        $failed[0] | Should -BeLike 'NotConnected,*'
        $failed[1] | Should -BeLike '*Connect-VideoProvider*'
    }
}
