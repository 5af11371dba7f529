import Foundation
import JiujinbanApp
import JiujinbanTools

exit(await JiujinbanMain.run(extraCommands: JiujinbanTools.registerCommands))
