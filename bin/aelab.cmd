@echo off
rem `aelab` for cmd.exe and PowerShell: runs the CLI bundled next to this launcher (..\dist\cli.js).
rem In VS Code's integrated terminals the extension sets AELAB_NODE to VS Code's own runtime (Electron run as Node);
rem anywhere else it runs `node` from PATH.
setlocal
if not defined AELAB_NODE goto systemNode
if not exist "%AELAB_NODE%" goto systemNode
set "ELECTRON_RUN_AS_NODE=1"
"%AELAB_NODE%" "%~dp0..\dist\cli.js" %*
exit /b
:systemNode
node "%~dp0..\dist\cli.js" %*
